namespace ChatBot.Core;

/// <summary>How exactly a date is known, from a single day to a span of years.</summary>
public enum DatePrecision
{
    Day,
    Month,

    /// <summary>Part of a year: a season ("spring 1962") or a third or half of it ("early 1962", "the first half of 1962").</summary>
    Season,
    Year,

    /// <summary>A decade or part of one ("the 1950s", "the late 1950s").</summary>
    Decade,

    /// <summary>A span between two dates ("between 1960 and 1964", "May–July 1964", "the 19th century").</summary>
    Range,
}

/// <summary>
/// A date as a text writes it and as a machine compares it. <see cref="Normalized"/> is ISO 8601 at the date's
/// precision ("1964-11-04", "1964-05", "1962") or, for anything spanning more than one such unit, an interval
/// of two of them ("1960/1964", "1962-01/1962-04"). <see cref="First"/> and <see cref="Last"/> are the first and
/// last day the date may mean, as <c>yyyymmdd</c> numbers (negative years before the common era), for ordering.
/// </summary>
public sealed record EventDate(string Written, string Normalized, DatePrecision Precision, long First, long Last)
{
    /// <summary>Whether both dates can mean the same day.</summary>
    public bool Overlaps(EventDate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return First <= other.Last && other.First <= Last;
    }
}

/// <summary>
/// An event a passage dates: the date, the sentence that states it (verbatim), where the date stands in the
/// sentence, and the citation. Events of one <see cref="Disagreement"/> (a number shared by them, else null) are
/// one event that two or more sources date differently.
/// </summary>
public sealed record TimelineEvent(EventDate Date, string Sentence, TextRange DateRange, Citation Citation)
{
    public int? Disagreement { get; init; }
}

/// <summary>
/// The dated events of the passages matching a topic, in chronological order of the event (earliest first day,
/// then shortest span). <see cref="Passages"/> is how many passages were read for it.
/// </summary>
public sealed record Timeline(string Topic, IReadOnlyList<TimelineEvent> Events, int Passages, TimeSpan Elapsed)
{
    /// <summary>Topics longer than this are refused by the front ends and read by their beginning here.</summary>
    public const int MaxTopicLength = 200;

    /// <summary>
    /// The events as a reader sees them: in chronological order, except that the events of a disagreement stand
    /// together at the place of the earliest of them.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<TimelineEvent>> Entries()
    {
        var entries = new List<IReadOnlyList<TimelineEvent>>(Events.Count);
        var groups = Events.Where(e => e.Disagreement is not null).GroupBy(e => e.Disagreement!.Value).ToDictionary(g => g.Key, g => g.ToList());
        var placed = new HashSet<int>();
        foreach (var item in Events)
        {
            if (item.Disagreement is not { } group)
            {
                entries.Add([item]);
            }
            else if (placed.Add(group))
            {
                entries.Add(groups[group]);
            }
        }

        return entries;
    }

    public static Timeline Empty(string topic, TimeSpan elapsed) => new(topic, [], 0, elapsed);
}

/// <summary>Builds the timeline of a topic from the corpus a scope may see.</summary>
public interface ITimelineService
{
    ValueTask<Timeline> BuildAsync(string topic, CorpusScope scope, CancellationToken cancellationToken);
}
