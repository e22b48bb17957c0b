#!/bin/sh
# Usage: make-iso.sh KERNEL_ELF INITRAMFS GRUB_CFG OUTPUT_ISO [CMDLINE]
# Builds a GRUB rescue ISO (BIOS and UEFI in one image) holding the kernel and the initramfs
# (loaded as a multiboot2 module). CMDLINE becomes
# the default entry's kernel command line, so a test can boot the real GRUB path with the
# options it needs (tests/boot/run.sh does).
set -eu
kernel=$1 initramfs=$2 cfg=$3 output=$4 cmdline=${5:-}
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/boot/grub"
cp "$kernel" "$root/boot/kernel.elf"
cp "$initramfs" "$root/boot/initramfs.cpio"
sed "s|@CMDLINE@|$cmdline|" "$cfg" > "$root/boot/grub/grub.cfg"
grub-mkrescue -o "$output" "$root" >/dev/null 2>"$root.log" || { cat "$root.log" >&2; rm -f "$root.log"; exit 1; }
rm -f "$root.log"
