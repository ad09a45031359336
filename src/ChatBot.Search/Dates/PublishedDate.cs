namespace ChatBot.Search.Dates;

/// <summary>
/// When a source was published, as the store keeps it: a year ("1998"), a month ("1998-03") or a day
/// ("1998-03-15"), read from however the front matter, an upload or a page's metadata writes it ("March 1998",
/// "15 March 1998", "1998-03-15T09:00:00Z").
/// </summary>
public static class PublishedDate
{
    public const int MaxLength = 40;

    /// <summary>The date in ISO 8601 at its own precision, or null when the text is not one year, month or day.</summary>
    public static string? Normalize(string? text)
    {
        var value = text?.Trim() ?? "";
        if (value.Length is 0 or > MaxLength)
        {
            return null;
        }

        // A timestamp of page metadata: its date is what counts.
        if (value.Length > 10 && value[10] == 'T' && char.IsAsciiDigit(value[0]))
        {
            value = value[..10];
        }

        if (IsIso(value))
        {
            return value;
        }

        var mentions = DateExtractor.Find(value);
        return mentions is [{ Date.Precision: Core.DatePrecision.Day or Core.DatePrecision.Month or Core.DatePrecision.Year } only]
            && only.Start == 0 && only.End == value.Length
            ? only.Date.Normalized
            : null;
    }

    /// <summary>yyyy, yyyy-mm or yyyy-mm-dd with a real month and day (prose would read "1998-03" as the years 1998 to 2003).</summary>
    private static bool IsIso(string value)
    {
        if (value.Length is not (4 or 7 or 10) || value.AsSpan(0, 4).ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        if (value.Length == 4)
        {
            return true;
        }

        if (value[4] != '-' || !int.TryParse(value.AsSpan(5, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12)
        {
            return false;
        }

        return value.Length == 7
            || (value[7] == '-' && int.TryParse(value.AsSpan(8, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var day)
                && day >= 1 && day <= CalendarDay.DaysIn(int.Parse(value.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture), month));
    }
}
