/*
 * ELF64 structures needed to load static x86_64 executables (man 5 elf; the System V gABI
 * and the x86_64 psABI).
 */
#ifndef SPINDLE_ELF_H
#define SPINDLE_ELF_H

#include "types.h"

#define ELF_MAGIC   "\177ELF"
#define ELFCLASS64  2
#define ELFDATA2LSB 1
#define ET_EXEC	    2
#define ET_DYN	    3
#define EM_X86_64   62
#define PT_LOAD	    1
#define PT_INTERP   3
#define PT_PHDR	    6
#define PF_X	    1
#define PF_W	    2
#define PF_R	    4

struct elf64_header {
	uint8_t ident[16];
	uint16_t type;
	uint16_t machine;
	uint32_t version;
	uint64_t entry;
	uint64_t phoff;
	uint64_t shoff;
	uint32_t flags;
	uint16_t ehsize;
	uint16_t phentsize;
	uint16_t phnum;
	uint16_t shentsize;
	uint16_t shnum;
	uint16_t shstrndx;
};

struct elf64_phdr {
	uint32_t type;
	uint32_t flags;
	uint64_t offset;
	uint64_t vaddr;
	uint64_t paddr;
	uint64_t filesz;
	uint64_t memsz;
	uint64_t align;
};

#endif
