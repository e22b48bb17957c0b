/*
 * The CMOS real-time clock (include/timer.h): read once at boot to know the date.
 * Registers (the MC146818 data sheet): 0x00 seconds, 0x02 minutes, 0x04 hours,
 * 0x07 day, 0x08 month, 0x09 year, 0x0a status A (bit 7: update in progress),
 * 0x0b status B (bit 2: binary rather than BCD, bit 1: 24-hour mode).
 */
#include "arch/cpu.h"
#include "time.h"
#include "timer.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71

static uint64_t boot_realtime_ns;

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, reg);
	return inb(CMOS_DATA);
}

static unsigned from_bcd(uint8_t value)
{
	return (value & 0x0f) + (value >> 4) * 10;
}

/* Days from 1970-01-01 to the given civil date (proleptic Gregorian). */
static int64_t days_from_civil(int64_t year, unsigned month, unsigned day)
{
	year -= month <= 2;
	int64_t era = (year >= 0 ? year : year - 399) / 400;
	unsigned year_of_era = (unsigned)(year - era * 400);
	unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	return era * 146097 + (int64_t)day_of_era - 719468;
}

void rtc_init(void)
{
	while (cmos_read(0x0a) & 0x80)
		cpu_relax();
	unsigned second = cmos_read(0x00), minute = cmos_read(0x02), hour = cmos_read(0x04);
	unsigned day = cmos_read(0x07), month = cmos_read(0x08), year = cmos_read(0x09);
	uint8_t status_b = cmos_read(0x0b);
	bool pm = hour & 0x80;
	hour &= 0x7f;
	if (!(status_b & 0x04)) {
		second = from_bcd((uint8_t)second);
		minute = from_bcd((uint8_t)minute);
		hour = from_bcd((uint8_t)hour);
		day = from_bcd((uint8_t)day);
		month = from_bcd((uint8_t)month);
		year = from_bcd((uint8_t)year);
	}
	if (!(status_b & 0x02) && pm)
		hour = (hour % 12) + 12;
	int64_t days = days_from_civil(2000 + (int64_t)year, month, day);
	int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second;
	boot_realtime_ns = (uint64_t)seconds * NSEC_PER_SEC - clock_monotonic_ns();
}

uint64_t clock_realtime_ns(void)
{
	return boot_realtime_ns + clock_monotonic_ns();
}
