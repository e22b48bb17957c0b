#!/bin/sh
# Installs what building, running and testing Spindle needs, when it is missing.
# Debian/Ubuntu: apt-get (through sudo when not root). Elsewhere: prints what to install.
set -eu

packages="gcc binutils make qemu-system-x86 grub-pc-bin grub-efi-amd64-bin grub-common xorriso mtools ovmf gdb musl-tools"
missing=""
need() { # need COMMAND-OR-PATH PACKAGE
    case $1 in
        /*) [ -e "$1" ] || missing="$missing $2" ;;
        *) command -v "$1" >/dev/null 2>&1 || missing="$missing $2" ;;
    esac
}
need gcc gcc
need ld binutils
need qemu-system-x86_64 qemu-system-x86
need grub-mkrescue grub-common
need /usr/lib/grub/i386-pc/multiboot2.mod grub-pc-bin
need /usr/lib/grub/x86_64-efi/multiboot2.mod grub-efi-amd64-bin
need xorriso xorriso
need mformat mtools
need gdb gdb
need musl-gcc musl-tools
[ -e /usr/share/OVMF/OVMF_CODE_4M.fd ] || [ -e /usr/share/OVMF/OVMF_CODE.fd ] || missing="$missing ovmf"
[ -z "$missing" ] && exit 0

missing=$(echo $missing | tr ' ' '\n' | sort -u | tr '\n' ' ')
if ! command -v apt-get >/dev/null 2>&1; then
    echo "Spindle needs these packages (Debian names): $missing" >&2
    echo "Install them with your package manager, then run make again." >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=sudo; else
        echo "Missing packages:$missing. As root, run:" >&2
        echo "  apt-get update && apt-get install -y $missing" >&2
        exit 1
    fi
fi
echo "Installing:$missing"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
