using System.Collections.Concurrent;
using ChatBot.Core;

namespace ChatBot.Discord.Tests.Support;

/// <summary>A timeline service that records its topics and scopes and answers with whatever the test says (twelve events with one disagreement by default).</summary>
internal sealed class FakeTimelines : ITimelineService
{
    public static readonly Citation Source = new("bolivia-1964", "The Bolivian coup of 1964", "J. Historian", null, "¶ 3");
    public static readonly Citation Other = new("army", "A history of the army", null, null, "¶ 7");

    public ConcurrentQueue<(string Topic, CorpusScope Scope)> Requests { get; } = new();

    public Func<string, Timeline> Handler { get; set; } = static topic => new Timeline(topic, Events(), 9, TimeSpan.FromMilliseconds(4));

    /// <summary>Events in the years 1950 to 1960, each "Event of YEAR.", and two sources dating the coup differently (1964-11-04, 1965).</summary>
    public static List<TimelineEvent> Events()
    {
        var events = new List<TimelineEvent>();
        for (var year = 1950; year <= 1960; year++)
        {
            var sentence = $"Event of {year} @everyone.";
            events.Add(new TimelineEvent(new EventDate($"{year}", $"{year}", DatePrecision.Year, (year * 10000L) + 101, (year * 10000L) + 1231), sentence, new TextRange(9, 13), Source));
        }

        events.Add(new TimelineEvent(new EventDate("November 4, 1964", "1964-11-04", DatePrecision.Day, 19641104, 19641104), "On November 4, 1964, the junta took power.", new TextRange(3, 19), Source) { Disagreement = 1 });
        events.Add(new TimelineEvent(new EventDate("1965", "1965", DatePrecision.Year, 19650101, 19651231), "In 1965 the junta took power.", new TextRange(3, 7), Other) { Disagreement = 1 });
        return events;
    }

    public ValueTask<Timeline> BuildAsync(string topic, CorpusScope scope, CancellationToken cancellationToken)
    {
        Requests.Enqueue((topic, scope));
        return ValueTask.FromResult(Handler(topic));
    }
}
