/*
 * Character classes in the "C" locale, ASCII only (man 3 isalpha, man 3 toupper; C11 §7.4).
 * Each takes an int that is EOF or an unsigned char value; anything above 127 is in no class.
 */
#ifndef SPINDLE_LIBC_CTYPE_H
#define SPINDLE_LIBC_CTYPE_H

int isalnum(int character);
int isalpha(int character);
int isascii(int character);
int isblank(int character);
int iscntrl(int character);
int isdigit(int character);
int isgraph(int character);
int islower(int character);
int isprint(int character);
int ispunct(int character);
int isspace(int character);
int isupper(int character);
int isxdigit(int character);
int tolower(int character);
int toupper(int character);

#endif
