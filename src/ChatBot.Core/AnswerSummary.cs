using System.Globalization;

namespace ChatBot.Core;

/// <summary>What an answer comes to, decided once for every reader (the Discord card, the terminal, the ask log and the metrics).</summary>
public enum AnswerOutcome
{
    /// <summary>No passage matches the question.</summary>
    NoMatch,

    /// <summary>Passages match, but none answers the question well: only the closest is shown, as such.</summary>
    NotCovered,

    /// <summary>The results answer the question; no single answer stands out, or it asks for none.</summary>
    Answered,

    /// <summary>Two or more sources give the same single answer.</summary>
    Agreed,

    /// <summary>The results give different answers of the same kind.</summary>
    Disagreed,
}

/// <summary>
/// The words every rendering of an answer shares: its outcome, the quotes to show, the headline that leads them
/// and the footer of counts and time. A card or the terminal adds only its own markup.
/// </summary>
public sealed record AnswerSummary(AnswerOutcome Outcome, IReadOnlyList<RankedQuote> Shown, string? Headline, string? Detail)
{
    public const string NotCoveredHeadline = "The corpus does not cover this question.";
    public const string ClosestDetail = "The closest passage is below; it may not answer it.";
    public const string DisagreeHeadline = "The sources disagree:";
    public const string DisagreeDetail = "their answers are side by side below.";

    /// <summary>True when the answer stands (answered, agreed or disagreed), false when the corpus does not cover it.</summary>
    public bool Covered => Outcome is AnswerOutcome.Answered or AnswerOutcome.Agreed or AnswerOutcome.Disagreed;

    /// <summary>
    /// Summarises <paramref name="answer"/>. <paramref name="whereToLook"/> ends the note for a question nothing
    /// matches ("see /sources", "run `chatbot sources`"): the one thing a medium says in its own words.
    /// </summary>
    public static AnswerSummary Of(Answer answer, string whereToLook)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Results.Count == 0)
        {
            return new(AnswerOutcome.NoMatch, [], NotCoveredHeadline, $"Try other words, or {whereToLook} for what the corpus holds.");
        }

        if (!answer.Confident)
        {
            return new(AnswerOutcome.NotCovered, [answer.Results[0]], NotCoveredHeadline, ClosestDetail);
        }

        if (answer.Agreement is { } agreement)
        {
            return new(AnswerOutcome.Agreed, answer.Results, agreement.Text, $"{agreement.SourceCount.ToString(CultureInfo.InvariantCulture)} sources agree");
        }

        return answer.Disagrees
            ? new(AnswerOutcome.Disagreed, answer.Results, DisagreeHeadline, DisagreeDetail)
            : new(AnswerOutcome.Answered, answer.Results, null, null);
    }

    /// <summary>
    /// "3 of 12 matching passages · 2 sources · 4 ms" (from <paramref name="skip"/> + 1 on a later page), "closest of 12
    /// matching passages · 4 ms", or "no matching passages · 4 ms"; "· secondary sources only" before the time when the
    /// answer quotes only <paramref name="kind"/>.
    /// </summary>
    public static string Footer(Answer answer, int skip, SourceKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var elapsed = $"{Math.Round(answer.Elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)} ms";
        if (answer.Results.Count == 0)
        {
            return $"no matching passages · {elapsed}";
        }

        if (!answer.Confident)
        {
            return $"closest of {Count(answer.MatchingPassages, "matching passage")} · {elapsed}";
        }

        var shown = answer.Results.Count;
        var range = skip == 0
            ? shown.ToString(CultureInfo.InvariantCulture)
            : $"{(skip + 1).ToString(CultureInfo.InvariantCulture)}–{(skip + shown).ToString(CultureInfo.InvariantCulture)}";
        var only = kind is { } one ? $" · {SourceKinds.Name(one)} sources only" : "";
        return $"{range} of {Count(answer.MatchingPassages, "matching passage")} · {Count(answer.SourceCount, "source")}{only} · {elapsed}";
    }

    /// <summary>"1 source", "1,204 matching passages".</summary>
    public static string Count(int count, string noun)
    {
        ArgumentNullException.ThrowIfNull(noun);
        return $"{count.ToString("N0", CultureInfo.InvariantCulture)} {noun}{(count == 1 ? "" : "s")}";
    }
}
