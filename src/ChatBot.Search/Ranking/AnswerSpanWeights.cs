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
        0.8217, // match-share
        0.7325, // weight-share
        0.9185, // best-sentence
        0.3268, // heaviest-word
        -0.7706, // distance
        -0.1404, // adjacent
        0.9601, // near-matches
        0.42, // before-all-matches
        -0.1952, // after-all-matches
        0.7042, // weight-3-before
        -0.456, // weight-3-after
        1.803, // weight-10-around
        0.0426, // matches-on-both-sides
        -0.1685, // question-word-next
        -0.0991, // question-word-before
        1.3542, // wh-word-next-after
        1.1261, // wh-word-next-before
        0.267, // last-word-before
        0.4151, // object-question-last-word-before
        0.5877, // starts-sentence
        2.0096, // name
        -2.0096, // phrase
        -0.1512, // one-word
        0.061, // two-words
        0.1299, // three-words
        -0.0397, // four-or-more-words
        -0.5937, // one-word-name
        0.1146, // acronym
        -0.0345, // digit
        0.9952, // plural
        -1.3329, // verb-like
        0.9149, // whole-run
        -0.6696, // run-end
        0.7661, // after-by
        -0.0637, // after-of
        -1.5877, // after-place-preposition
        -0.2122, // after-determiner
        0.0235, // after-to-for-with
        0.2343, // after-comma
        0.4878, // agent-marker
        1.0653, // after-title
        -0.1688, // institution
        0, // institution-when-person-asked
        -0.1712, // demonym
        -0.6593, // in-parentheses
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
        -0.4705, // one-word-name-starting-sentence
        0.1441, // phrase-for-who
        0.0594, // phrase-near-weight
        1.1724, // capitalised-phrase
        0, // number-range
        0, // ordinal
        0, // fraction-or-multiple
        0, // round-quantity
        0, // span-of-time
        0, // number-compound
        0, // clock-time
        1.0608, // name-after-a-role
    ];

    private static readonly double[] Date =
    [
        0.9346, // match-share
        0.9048, // weight-share
        1.2588, // best-sentence
        0.0689, // heaviest-word
        -0.1149, // distance
        0.5534, // adjacent
        1.114, // near-matches
        -0.1245, // before-all-matches
        -0.2005, // after-all-matches
        1.3819, // weight-3-before
        -0.3262, // weight-3-after
        2.0501, // weight-10-around
        -0.5114, // matches-on-both-sides
        -0.3711, // question-word-next
        0.2802, // question-word-before
        0.685, // wh-word-next-after
        0.2146, // wh-word-next-before
        0.5734, // last-word-before
        0.2957, // object-question-last-word-before
        0, // starts-sentence
        0, // name
        0, // phrase
        -0.1788, // one-word
        -0.0077, // two-words
        -0.0412, // three-words
        0.2278, // four-or-more-words
        0, // one-word-name
        -0.0547, // acronym
        0.0393, // digit
        0.1818, // plural
        -0.4883, // verb-like
        0, // whole-run
        0, // run-end
        0.5056, // after-by
        0.4902, // after-of
        -0.0663, // after-place-preposition
        -0.3218, // after-determiner
        0.0802, // after-to-for-with
        -0.1464, // after-comma
        0, // agent-marker
        -0.3476, // after-title
        0, // institution
        0, // institution-when-person-asked
        0, // demonym
        -0.486, // in-parentheses
        0, // unit
        0, // percentage
        0, // share-asked-no-percentage
        0.0828, // year-like
        0, // in-a-date
        0, // spelled-number
        0.2498, // full-date
        0.2644, // month
        -0.1298, // year-only
        0.1875, // century
        -0.1241, // decade
        -0.3501, // range
        1.072, // granularity-asked
        0, // one-word-name-starting-sentence
        0, // phrase-for-who
        0, // phrase-near-weight
        0, // capitalised-phrase
        0, // number-range
        0, // ordinal
        0, // fraction-or-multiple
        0, // round-quantity
        0, // span-of-time
        0, // number-compound
        0, // clock-time
        0, // name-after-a-role
    ];

    private static readonly double[] Place =
    [
        0.7055, // match-share
        0.5751, // weight-share
        1.2171, // best-sentence
        0.2001, // heaviest-word
        -0.196, // distance
        0.0043, // adjacent
        0.1904, // near-matches
        -0.9433, // before-all-matches
        -0.3225, // after-all-matches
        0.41, // weight-3-before
        -0.3574, // weight-3-after
        1.4022, // weight-10-around
        -0.7314, // matches-on-both-sides
        0.0845, // question-word-next
        0.3291, // question-word-before
        0.2293, // wh-word-next-after
        0.1889, // wh-word-next-before
        1.1785, // last-word-before
        0.0256, // object-question-last-word-before
        0.853, // starts-sentence
        1.1386, // name
        -1.1386, // phrase
        0.3938, // one-word
        0.809, // two-words
        -0.6633, // three-words
        -0.5395, // four-or-more-words
        0.6887, // one-word-name
        1.0287, // acronym
        -0.109, // digit
        0.2324, // plural
        -0.6789, // verb-like
        0.9737, // whole-run
        0.3778, // run-end
        -0.9599, // after-by
        -0.1789, // after-of
        1.6104, // after-place-preposition
        0.5929, // after-determiner
        0.0698, // after-to-for-with
        0.1817, // after-comma
        0.4166, // agent-marker
        0.972, // after-title
        -0.1564, // institution
        0, // institution-when-person-asked
        -0.57, // demonym
        -0.5543, // in-parentheses
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
        -0.7547, // one-word-name-starting-sentence
        0, // phrase-for-who
        0.2324, // phrase-near-weight
        0.4888, // capitalised-phrase
        0, // number-range
        0, // ordinal
        0, // fraction-or-multiple
        0, // round-quantity
        0, // span-of-time
        0, // number-compound
        0, // clock-time
        1.5888, // name-after-a-role
    ];

    private static readonly double[] Number =
    [
        0.5789, // match-share
        0.5285, // weight-share
        1.1043, // best-sentence
        0.3221, // heaviest-word
        -0.7506, // distance
        0.2321, // adjacent
        1.3006, // near-matches
        -0.6835, // before-all-matches
        0.1326, // after-all-matches
        0.267, // weight-3-before
        1.149, // weight-3-after
        1.2348, // weight-10-around
        -0.1834, // matches-on-both-sides
        1.4266, // question-word-next
        0.1185, // question-word-before
        -0.0051, // wh-word-next-after
        0.1238, // wh-word-next-before
        -0.362, // last-word-before
        0, // object-question-last-word-before
        0.1435, // starts-sentence
        0, // name
        0, // phrase
        -0.431, // one-word
        0.4124, // two-words
        0.0186, // three-words
        0, // four-or-more-words
        0, // one-word-name
        0, // acronym
        0.0118, // digit
        -0.0885, // plural
        0.3515, // verb-like
        0, // whole-run
        0, // run-end
        -0.168, // after-by
        0.2133, // after-of
        -0.5376, // after-place-preposition
        -0.4953, // after-determiner
        0.4114, // after-to-for-with
        -0.5882, // after-comma
        0, // agent-marker
        0, // after-title
        0, // institution
        0, // institution-when-person-asked
        0, // demonym
        -0.8503, // in-parentheses
        0.6606, // unit
        0.2686, // percentage
        -1.1796, // share-asked-no-percentage
        -1.758, // year-like
        -1.2886, // in-a-date
        -0.0118, // spelled-number
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
        -0.3648, // number-range
        -1.2718, // ordinal
        0.7394, // fraction-or-multiple
        -0.0593, // round-quantity
        0.5346, // span-of-time
        -0.8023, // number-compound
        0.3217, // clock-time
        0, // name-after-a-role
    ];

    private static readonly double[] Amount =
    [
        0.8404, // match-share
        0.8195, // weight-share
        0.165, // best-sentence
        1.7887, // heaviest-word
        -1.0673, // distance
        0.1924, // adjacent
        0.2323, // near-matches
        0.4678, // before-all-matches
        -0.0813, // after-all-matches
        -0.0289, // weight-3-before
        0.4998, // weight-3-after
        2.3822, // weight-10-around
        0.7188, // matches-on-both-sides
        0.0575, // question-word-next
        -0.4314, // question-word-before
        -0.0999, // wh-word-next-after
        -0.1211, // wh-word-next-before
        0.175, // last-word-before
        0, // object-question-last-word-before
        0.0379, // starts-sentence
        0, // name
        0, // phrase
        -1.0127, // one-word
        -0.8746, // two-words
        1.8873, // three-words
        0, // four-or-more-words
        0, // one-word-name
        0, // acronym
        0.4524, // digit
        -0.0732, // plural
        0, // verb-like
        0, // whole-run
        0, // run-end
        -0.1268, // after-by
        -0.0737, // after-of
        -0.0017, // after-place-preposition
        -0.2708, // after-determiner
        0.7113, // after-to-for-with
        -1.668, // after-comma
        0, // agent-marker
        0, // after-title
        0, // institution
        0, // institution-when-person-asked
        0, // demonym
        -1.319, // in-parentheses
        -0.1011, // unit
        1.8156, // percentage
        -2.3349, // share-asked-no-percentage
        -1.5655, // year-like
        0, // in-a-date
        -0.4524, // spelled-number
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
        0.4961, // number-range
        -1.5775, // ordinal
        2.7737, // fraction-or-multiple
        -0.0001, // round-quantity
        -0.0452, // span-of-time
        -0.5395, // number-compound
        1.7738, // clock-time
        0, // name-after-a-role
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
