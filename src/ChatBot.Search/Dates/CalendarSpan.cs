using System.Globalization;
using ChatBot.Core;

namespace ChatBot.Search.Dates;

/// <summary>A day of the proleptic Gregorian calendar; years before the common era are astronomical (1 BC is year 0).</summary>
internal readonly record struct CalendarDay(int Year, int Month, int Day)
{
    /// <summary><c>yyyymmdd</c> as one number, ordered as the days are (also before the common era).</summary>
    public long Key => (Year * 10_000L) + (Month * 100) + Day;

    public static int DaysIn(int year, int month)
    {
        var leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        return month == 2 ? (leap ? 29 : 28) : month is 4 or 6 or 9 or 11 ? 30 : 31;
    }

    public static CalendarDay FirstOf(int year, int month = 1) => new(year, month, 1);

    public static CalendarDay LastOf(int year, int month = 12) => new(year, month, DaysIn(year, month));
}

/// <summary>How a side of a span is written in ISO 8601: to the day, the month or the year.</summary>
internal enum CalendarUnit
{
    Day,
    Month,
    Year,
}

/// <summary>
/// What a date phrase means: the first and last day it may mean, how each end is written, and its precision.
/// A span whose ends are the same unit ("1964", "1964-05") is written as one; any other as an ISO 8601 interval.
/// </summary>
internal readonly record struct CalendarSpan(CalendarDay First, CalendarDay Last, CalendarUnit FirstUnit, CalendarUnit LastUnit, DatePrecision Precision)
{
    public static CalendarSpan Year(int year) => new(CalendarDay.FirstOf(year), CalendarDay.LastOf(year), CalendarUnit.Year, CalendarUnit.Year, DatePrecision.Year);

    public static CalendarSpan Month(int year, int month)
        => new(CalendarDay.FirstOf(year, month), CalendarDay.LastOf(year, month), CalendarUnit.Month, CalendarUnit.Month, DatePrecision.Month);

    public static CalendarSpan Day(int year, int month, int day)
    {
        var date = new CalendarDay(year, month, day);
        return new(date, date, CalendarUnit.Day, CalendarUnit.Day, DatePrecision.Day);
    }

    /// <summary>Months <paramref name="from"/> to <paramref name="to"/> of a year (to may run into the next year: 12 to 14 is December to February).</summary>
    public static CalendarSpan Months(int year, int from, int to)
        => new(CalendarDay.FirstOf(year, from), CalendarDay.LastOf(year + ((to - 1) / 12), ((to - 1) % 12) + 1), CalendarUnit.Month, CalendarUnit.Month, DatePrecision.Season);

    public static CalendarSpan Years(int first, int last, DatePrecision precision)
        => new(CalendarDay.FirstOf(first), CalendarDay.LastOf(last), CalendarUnit.Year, CalendarUnit.Year, precision);

    /// <summary>From the start of <paramref name="from"/> to the end of <paramref name="to"/>; null when it would end before it starts.</summary>
    public static CalendarSpan? Between(CalendarSpan from, CalendarSpan to)
        => to.Last.Key < from.First.Key ? null : new(from.First, to.Last, from.FirstUnit, to.LastUnit, DatePrecision.Range);

    public string Normalized()
    {
        var first = Format(First, FirstUnit);
        var last = Format(Last, LastUnit);
        return first == last ? first : first + "/" + last;
    }

    public EventDate ToEventDate(string written) => new(written, Normalized(), Precision, First.Key, Last.Key);

    private static string Format(CalendarDay day, CalendarUnit unit)
    {
        var year = day.Year >= 0
            ? day.Year.ToString("D4", CultureInfo.InvariantCulture)
            : "-" + (-day.Year).ToString("D4", CultureInfo.InvariantCulture);
        return unit switch
        {
            CalendarUnit.Year => year,
            CalendarUnit.Month => year + "-" + day.Month.ToString("D2", CultureInfo.InvariantCulture),
            _ => year + "-" + day.Month.ToString("D2", CultureInfo.InvariantCulture) + "-" + day.Day.ToString("D2", CultureInfo.InvariantCulture),
        };
    }
}
