#!/bin/sh
# Usage: make-iso.sh KERNEL_ELF GRUB_CFG OUTPUT_ISO [CMDLINE]
# Builds a GRUB rescue ISO (BIOS and UEFI in one image) holding the kernel. CMDLINE becomes
# the default entry's kernel command line, so a test can boot the real GRUB path with the
# options it needs (tests/boot/run.sh does).
set -eu
kernel=$1 cfg=$2 output=$3 cmdline=${4:-}
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/boot/grub"
cp "$kernel" "$root/boot/kernel.elf"
sed "s|@CMDLINE@|$cmdline|" "$cfg" > "$root/boot/grub/grub.cfg"
grub-mkrescue -o "$output" "$root" >/dev/null 2>"$root.log" || { cat "$root.log" >&2; rm -f "$root.log"; exit 1; }
rm -f "$root.log"
