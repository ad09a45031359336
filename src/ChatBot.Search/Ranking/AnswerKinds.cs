using System.Text.RegularExpressions;
using ChatBot.Core;
using ChatBot.Search.Index;

namespace ChatBot.Search.Ranking;

/// <summary>
/// What kind of answer a question asks for (a person, a date, a place, a number, an amount), read from its first
/// words, and the shapes of question that change where in a sentence the answer stands.
/// </summary>
public static partial class AnswerKinds
{
    /// <summary>What kind of answer a question asks for, read from its first words.</summary>
    public static AnswerKind Classify(string? question)
    {
        var q = " " + TextAnalysis.Fold(question ?? "").Trim() + " ";

        // "When the law is the target of the protest, what is this called?": the clause sets a condition, the
        // question is the "what" after it.
        if (ConditionClause().Match(q) is { Success: true } clause)
        {
            q = " " + clause.Groups["question"].Value;
        }

        if (HowMany().IsMatch(q))
        {
            return AnswerKind.Number;
        }

        if (HowMuch().IsMatch(q))
        {
            return AnswerKind.Amount;
        }

        if (WhenWords().IsMatch(q))
        {
            return AnswerKind.Date;
        }

        if (WhereWords().IsMatch(q))
        {
            return AnswerKind.Place;
        }

        return WhoWords().IsMatch(q) ? AnswerKind.Person : AnswerKind.None;
    }

    /// <summary>"Who ruled", "which general": a question whose answer must be a person, not an institution.</summary>
    public static bool AsksForAPerson(string foldedQuestion) => PersonQuestion().IsMatch(foldedQuestion);

    /// <summary>"What percentage", "how much did it grow": a question whose answer is a share or a change, so a percentage.</summary>
    public static bool AsksForAShare(string foldedQuestion) => ShareWords().IsMatch(foldedQuestion);

    /// <summary>"Who did the junta overthrow": a question whose answer is the object of its verb.</summary>
    public static bool AsksForAnObject(string foldedQuestion) => ObjectQuestion().IsMatch(foldedQuestion);

    /// <summary>What a when-question asks for: "what day" a day, "which century" a century, "what year" a year.</summary>
    public static DateGranularity GranularityAsked(string foldedQuestion)
    {
        ArgumentNullException.ThrowIfNull(foldedQuestion);
        return foldedQuestion switch
        {
            _ when foldedQuestion.Contains(" day ", StringComparison.Ordinal) || foldedQuestion.Contains(" date ", StringComparison.Ordinal) => DateGranularity.Day,
            _ when foldedQuestion.Contains(" month ", StringComparison.Ordinal) => DateGranularity.Month,
            _ when foldedQuestion.Contains(" centur", StringComparison.Ordinal) => DateGranularity.Century,
            _ when foldedQuestion.Contains(" decade", StringComparison.Ordinal) => DateGranularity.Decade,
            _ when foldedQuestion.Contains(" year", StringComparison.Ordinal) => DateGranularity.Year,
            _ => DateGranularity.Any,
        };
    }

    [GeneratedRegex(@"^ (who|whom|what|which \w+) (did|does|do|will|would|could|had|has|have)\b")]
    private static partial Regex ObjectQuestion();

    [GeneratedRegex(@"^ (?:when|if|while|after|before) [^,?]+, (?<question>(?:what|which|who|whom|how|where|why)\b.*)$")]
    private static partial Regex ConditionClause();

    [GeneratedRegex(@"^ (who|whom|whose)\b|\b(which|what) (person|man|woman|general|president|leader|king|queen|emperor|author|scientist|player)\b")]
    private static partial Regex PersonQuestion();

    [GeneratedRegex(@"\b(percent|percentage|proportion|share|grow|grew|grown|increase|increased|rise|rose|risen|fall|fell|fallen|decline|declined|drop|dropped)\b")]
    private static partial Regex ShareWords();

    [GeneratedRegex(@"\bhow (many|long|old|far|often|large|big|tall|high)\b")]
    private static partial Regex HowMany();

    [GeneratedRegex(@"\bhow much\b|\bwhat (percentage|percent|amount|proportion|share|sum|price)\b")]
    private static partial Regex HowMuch();

    [GeneratedRegex(@"^ when\b|\b(what|which|in what|during what) (year|years|date|day|month|century|decade|time|period|era)\b")]
    private static partial Regex WhenWords();

    [GeneratedRegex(@"^ where\b|\b(what|which|in what|in which) (country|countries|city|cities|state|region|place|location|town|continent|province|area|island|river)\b")]
    private static partial Regex WhereWords();

    [GeneratedRegex(@"^ (who|whom|whose)\b|\b(which|what) (person|people|man|woman|general|president|leader|king|queen|emperor|author|scientist|player|team|group|organization|company)\b")]
    private static partial Regex WhoWords();
}
