using ChatBot.Core;

namespace ChatBot.Search.Ranking;

/// <summary>
/// The weights of the answer-span features (<see cref="AnswerFeatures.Names"/>, in that order) per kind of question,
/// fitted on the typed questions of the visible SQuAD set by a softmax over each question's candidates. Written by
/// <c>ChatBot.Bench quality ../shared/eval/squad-visible.json --dump-spans spans.jsonl</c> and then
/// <c>ChatBot.Bench span-weights spans.jsonl --out src/ChatBot.Search/Ranking/AnswerSpanWeights.cs</c>; do not edit by hand.
/// </summary>
public static class AnswerSpanWeights
{
    private static readonly double[] Person =
    [
        0.5949, // match-share
        0.622, // weight-share
        0.824, // best-sentence
        0.5661, // heaviest-word
        -0.6, // distance
        0.05, // adjacent
        0.7516, // near-matches
        0.2668, // before-all-matches
        -0.1447, // after-all-matches
        0.4002, // weight-3-before
        -0.1023, // weight-3-after
        1.3687, // weight-10-around
        0.1133, // matches-on-both-sides
        -0.1429, // question-word-next
        0.1272, // question-word-before
        0.961, // wh-word-next-after
        0.9436, // wh-word-next-before
        0.2231, // last-word-before
        0.1562, // object-question-last-word-before
        0.274, // starts-sentence
        1.3923, // name
        -1.3923, // phrase
        -0.3591, // one-word
        0.2235, // two-words
        0.1468, // three-words
        -0.0112, // four-or-more-words
        -0.1734, // one-word-name
        0.1177, // acronym
        -0.0122, // digit
        0.5154, // plural
        -0.729, // verb-like
        0.3754, // whole-run
        -0.2371, // run-end
        0.4918, // after-by
        0.0196, // after-of
        -0.8094, // after-place-preposition
        -0.1725, // after-determiner
        0.0253, // after-to-for-with
        0.0975, // after-comma
        0.341, // agent-marker
        0.3202, // after-title
        -0.0403, // institution
        0, // institution-when-person-asked
        0, // demonym
        -0.113, // in-parentheses
        0, // unit
        -0, // percentage
        0, // share-asked-no-percentage
        0, // year-like
        0, // in-a-date
        0, // spelled-number
        0, // full-date
        0, // month
        0, // year-only
        0, // century
        0, // decade
        0, // range
        0, // granularity-asked
        -0.3208, // one-word-name-starting-sentence
        -0.4046, // phrase-for-who
        -0.0508, // phrase-near-weight
        0.617, // capitalised-phrase
    ];

    private static readonly double[] Date =
    [
        0.6032, // match-share
        0.6141, // weight-share
        1.0773, // best-sentence
        0.3325, // heaviest-word
        -0.326, // distance
        0.5018, // adjacent
        0.7115, // near-matches
        0.0004, // before-all-matches
        0.076, // after-all-matches
        0.6043, // weight-3-before
        -0.1004, // weight-3-after
        1.2767, // weight-10-around
        -0.2197, // matches-on-both-sides
        -0.1386, // question-word-next
        0.443, // question-word-before
        0.3289, // wh-word-next-after
        0.1256, // wh-word-next-before
        0.4716, // last-word-before
        0.1032, // object-question-last-word-before
        0, // starts-sentence
        0, // name
        0, // phrase
        -0.1117, // one-word
        -0.1259, // two-words
        0.1435, // three-words
        0.0942, // four-or-more-words
        0, // one-word-name
        0, // acronym
        0.0983, // digit
        0.0776, // plural
        -0.1404, // verb-like
        0, // whole-run
        0, // run-end
        0.2149, // after-by
        0.2175, // after-of
        0.0367, // after-place-preposition
        -0.0818, // after-determiner
        0.0081, // after-to-for-with
        -0.0564, // after-comma
        0, // agent-marker
        -0.1223, // after-title
        0, // institution
        0, // institution-when-person-asked
        0, // demonym
        -0.2657, // in-parentheses
        0, // unit
        0, // percentage
        0, // share-asked-no-percentage
        0.081, // year-like
        0, // in-a-date
        0, // spelled-number
        0.18, // full-date
        0.1231, // month
        -0.0049, // year-only
        0.1224, // century
        -0.0332, // decade
        -0.2001, // range
        0.5163, // granularity-asked
        0, // one-word-name-starting-sentence
        0, // phrase-for-who
        0, // phrase-near-weight
        0, // capitalised-phrase
    ];

    private static readonly double[] Place =
    [
        0.4469, // match-share
        0.4696, // weight-share
        1.0304, // best-sentence
        0.4446, // heaviest-word
        -0.3306, // distance
        -0.0009, // adjacent
        0.4559, // near-matches
        -0.5746, // before-all-matches
        0.1493, // after-all-matches
        0.3051, // weight-3-before
        -0.089, // weight-3-after
        1.0069, // weight-10-around
        -0.1264, // matches-on-both-sides
        -0.0048, // question-word-next
        0.2271, // question-word-before
        0.0313, // wh-word-next-after
        -0.0035, // wh-word-next-before
        0.8866, // last-word-before
        0.0137, // object-question-last-word-before
        0.1259, // starts-sentence
        0.9921, // name
        -0.9921, // phrase
        0.1353, // one-word
        0.3959, // two-words
        -0.435, // three-words
        -0.0963, // four-or-more-words
        0.6762, // one-word-name
        0.4802, // acronym
        -0.0372, // digit
        0.1197, // plural
        -0.5033, // verb-like
        0.6824, // whole-run
        0.3956, // run-end
        -0.3704, // after-by
        0.057, // after-of
        1.4358, // after-place-preposition
        0.3098, // after-determiner
        0.0296, // after-to-for-with
        0.0528, // after-comma
        0.1029, // agent-marker
        0.2192, // after-title
        -0.1482, // institution
        0, // institution-when-person-asked
        0.2339, // demonym
        -0.1752, // in-parentheses
        0, // unit
        0, // percentage
        0, // share-asked-no-percentage
        0, // year-like
        0, // in-a-date
        0, // spelled-number
        0, // full-date
        0, // month
        0, // year-only
        0, // century
        0, // decade
        0, // range
        0, // granularity-asked
        -0.1734, // one-word-name-starting-sentence
        0, // phrase-for-who
        0.0704, // phrase-near-weight
        0.2134, // capitalised-phrase
    ];

    private static readonly double[] Number =
    [
        0.347, // match-share
        0.4094, // weight-share
        1.0132, // best-sentence
        0.2482, // heaviest-word
        -0.4024, // distance
        0.7212, // adjacent
        0.9527, // near-matches
        -0.4391, // before-all-matches
        0.1054, // after-all-matches
        0.1451, // weight-3-before
        0.6525, // weight-3-after
        0.6785, // weight-10-around
        -0.0285, // matches-on-both-sides
        1.3005, // question-word-next
        0.1213, // question-word-before
        0.0988, // wh-word-next-after
        -0.0031, // wh-word-next-before
        -0.2822, // last-word-before
        0, // object-question-last-word-before
        0.1843, // starts-sentence
        0, // name
        0, // phrase
        -0.23, // one-word
        0.3983, // two-words
        -0.1683, // three-words
        0, // four-or-more-words
        0, // one-word-name
        0, // acronym
        -0.0838, // digit
        -0.0261, // plural
        0, // verb-like
        0, // whole-run
        0, // run-end
        -0.0344, // after-by
        0.0548, // after-of
        -0.2717, // after-place-preposition
        -0.1791, // after-determiner
        0.1553, // after-to-for-with
        -0.1025, // after-comma
        0, // agent-marker
        0, // after-title
        0, // institution
        0, // institution-when-person-asked
        0, // demonym
        -0.6031, // in-parentheses
        0, // unit
        -0.3787, // percentage
        0, // share-asked-no-percentage
        -0.9142, // year-like
        -0.541, // in-a-date
        0.0838, // spelled-number
        0, // full-date
        0, // month
        0, // year-only
        0, // century
        0, // decade
        0, // range
        0, // granularity-asked
        0, // one-word-name-starting-sentence
        0, // phrase-for-who
        0, // phrase-near-weight
        0, // capitalised-phrase
    ];

    private static readonly double[] Amount =
    [
        0.4072, // match-share
        0.5335, // weight-share
        0.4562, // best-sentence
        0.8734, // heaviest-word
        -0.6242, // distance
        0.4103, // adjacent
        0.0846, // near-matches
        0.4323, // before-all-matches
        -0.2667, // after-all-matches
        -0.0644, // weight-3-before
        0.2247, // weight-3-after
        1.3839, // weight-10-around
        0.6463, // matches-on-both-sides
        0.5282, // question-word-next
        -0.5151, // question-word-before
        -0.2123, // wh-word-next-after
        -0.0982, // wh-word-next-before
        0.0539, // last-word-before
        0, // object-question-last-word-before
        0.0211, // starts-sentence
        0, // name
        0, // phrase
        -0.1805, // one-word
        -0.6856, // two-words
        0.8661, // three-words
        0, // four-or-more-words
        0, // one-word-name
        0, // acronym
        0.4445, // digit
        -0.463, // plural
        0, // verb-like
        0, // whole-run
        0, // run-end
        -0.007, // after-by
        -0.4284, // after-of
        -0.3035, // after-place-preposition
        -0.0216, // after-determiner
        0.4813, // after-to-for-with
        -0.6862, // after-comma
        0, // agent-marker
        0, // after-title
        0, // institution
        0, // institution-when-person-asked
        0, // demonym
        -0.3878, // in-parentheses
        1.0241, // unit
        1.1526, // percentage
        -1.1489, // share-asked-no-percentage
        -0.9735, // year-like
        0, // in-a-date
        -0.4445, // spelled-number
        0, // full-date
        0, // month
        0, // year-only
        0, // century
        0, // decade
        0, // range
        0, // granularity-asked
        0, // one-word-name-starting-sentence
        0, // phrase-for-who
        0, // phrase-near-weight
        0, // capitalised-phrase
    ];

    private static readonly double[] NoWeights = new double[AnswerFeatures.Count];

    /// <summary>The weights for questions of <paramref name="kind"/> (all zero for a kind without any).</summary>
    public static ReadOnlySpan<double> For(AnswerKind kind) => kind switch
    {
        AnswerKind.Person => Person,
        AnswerKind.Date => Date,
        AnswerKind.Place => Place,
        AnswerKind.Number => Number,
        AnswerKind.Amount => Amount,
        _ => NoWeights,
    };
}
