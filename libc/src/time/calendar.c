/*
 * Calendar time (man 3 gmtime, man 3 timegm, man 3 mktime, man 3 difftime; C11 §7.27.2,
 * §7.27.3). Days are converted to and from proleptic Gregorian dates by counting 400-year
 * eras of 146097 days from 0000-03-01, so that leap days fall at the end of each year.
 * There are no time zones: local time is UTC.
 */
#include <errno.h>
#include <limits.h>
#include <time.h>

#define SECONDS_PER_DAY	  86400L
#define DAYS_PER_ERA	  146097L
#define DAYS_0000_TO_1970 719468L /* from 0000-03-01 to 1970-01-01 */

static long floor_divide(long numerator, long denominator)
{
	long quotient = numerator / denominator;

	if ((numerator % denominator != 0) && ((numerator < 0) != (denominator < 0)))
		quotient--;
	return quotient;
}

/* Days since 1970-01-01 of year-month-day, month 1..12 (any day count is allowed). */
static long days_from_civil(long year, long month, long day)
{
	long era, year_of_era, day_of_year, day_of_era;

	year -= month <= 2;
	era = floor_divide(year, 400);
	year_of_era = year - era * 400;
	day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	return era * DAYS_PER_ERA + day_of_era - DAYS_0000_TO_1970;
}

struct tm *gmtime_r(const time_t *restrict time, struct tm *restrict result)
{
	long days = floor_divide(*time, SECONDS_PER_DAY);
	long seconds = *time - days * SECONDS_PER_DAY;
	long shifted = days + DAYS_0000_TO_1970;
	long era = floor_divide(shifted, DAYS_PER_ERA);
	long day_of_era = shifted - era * DAYS_PER_ERA;
	long year_of_era =
		(day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
	long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	long month_index = (5 * day_of_year + 2) / 153; /* 0 is March */
	long month = month_index < 10 ? month_index + 3 : month_index - 9;
	long year = year_of_era + era * 400 + (month <= 2);

	if (year - 1900 > INT_MAX || year - 1900 < INT_MIN) {
		errno = EOVERFLOW;
		return NULL;
	}
	result->tm_sec = (int)(seconds % 60);
	result->tm_min = (int)(seconds / 60 % 60);
	result->tm_hour = (int)(seconds / 3600);
	result->tm_mday = (int)(day_of_year - (153 * month_index + 2) / 5 + 1);
	result->tm_mon = (int)(month - 1);
	result->tm_year = (int)(year - 1900);
	result->tm_wday = (int)(days + 4 - 7 * floor_divide(days + 4, 7)); /* 1970-01-01: Thu */
	result->tm_yday = (int)(days - days_from_civil(year, 1, 1));
	result->tm_isdst = 0;
	result->tm_gmtoff = 0;
	result->tm_zone = "UTC";
	return result;
}

struct tm *gmtime(const time_t *time)
{
	static struct tm result;

	return gmtime_r(time, &result);
}

struct tm *localtime_r(const time_t *restrict time, struct tm *restrict result)
{
	return gmtime_r(time, result);
}

struct tm *localtime(const time_t *time)
{
	return gmtime(time);
}

/* Fields out of range are carried (minute 61 is the next hour) and written back. */
time_t timegm(struct tm *broken_down)
{
	long month = broken_down->tm_mon;
	long year = broken_down->tm_year + 1900L + floor_divide(month, 12);
	long days;
	time_t result;

	month -= floor_divide(month, 12) * 12;
	days = days_from_civil(year, month + 1, 1) + broken_down->tm_mday - 1;
	result = days * SECONDS_PER_DAY + broken_down->tm_hour * 3600L + broken_down->tm_min * 60L +
		 broken_down->tm_sec;
	gmtime_r(&result, broken_down);
	return result;
}

time_t mktime(struct tm *broken_down)
{
	return timegm(broken_down);
}

double difftime(time_t end, time_t start)
{
	return (double)(end - start);
}
