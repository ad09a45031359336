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
        0.8249, // match-share
        0.7601, // weight-share
        0.8583, // best-sentence
        0.3384, // heaviest-word
        -0.7869, // distance
        -0.1391, // adjacent
        0.9985, // near-matches
        0.4053, // before-all-matches
        -0.1809, // after-all-matches
        0.6961, // weight-3-before
        -0.5311, // weight-3-after
        1.8522, // weight-10-around
        0.0357, // matches-on-both-sides
        -0.153, // question-word-next
        -0.114, // question-word-before
        1.3294, // wh-word-next-after
        1.2377, // wh-word-next-before
        0.2458, // last-word-before
        0.4202, // object-question-last-word-before
        0.4372, // starts-sentence
        2.0838, // name
        -2.0838, // phrase
        -0.1532, // one-word
        0.0282, // two-words
        0.0974, // three-words
        0.0276, // four-or-more-words
        -0.6345, // one-word-name
        0.1302, // acronym
        -0.033, // digit
        0.9877, // plural
        -1.3489, // verb-like
        0.6353, // whole-run
        -0.56, // run-end
        0.7056, // after-by
        -0.1364, // after-of
        -1.6538, // after-place-preposition
        -0.2895, // after-determiner
        -0.0452, // after-to-for-with
        0.0978, // after-comma
        0.4056, // agent-marker
        0.9518, // after-title
        -0.1327, // institution
        0, // institution-when-person-asked
        -0.1268, // demonym
        -0.6938, // in-parentheses
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
        -0.4187, // one-word-name-starting-sentence
        0.1094, // phrase-for-who
        0.0558, // phrase-near-weight
        1.1286, // capitalised-phrase
        0, // number-range
        0, // ordinal
        0, // fraction-or-multiple
        0, // round-quantity
        0, // span-of-time
        0, // number-compound
        0, // clock-time
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
    ];

    private static readonly double[] Place =
    [
        0.7482, // match-share
        0.6212, // weight-share
        1.1711, // best-sentence
        0.2539, // heaviest-word
        -0.1893, // distance
        -0.0523, // adjacent
        0.2869, // near-matches
        -0.9657, // before-all-matches
        -0.3139, // after-all-matches
        0.4792, // weight-3-before
        -0.3556, // weight-3-after
        1.3127, // weight-10-around
        -0.7076, // matches-on-both-sides
        0.1258, // question-word-next
        0.3199, // question-word-before
        0.194, // wh-word-next-after
        0.1361, // wh-word-next-before
        1.145, // last-word-before
        0.0291, // object-question-last-word-before
        0.8257, // starts-sentence
        1.1481, // name
        -1.1481, // phrase
        0.4103, // one-word
        0.8422, // two-words
        -0.7859, // three-words
        -0.4666, // four-or-more-words
        0.7621, // one-word-name
        1.0293, // acronym
        -0.1242, // digit
        0.2031, // plural
        -0.7035, // verb-like
        0.577, // whole-run
        0.6213, // run-end
        -0.9952, // after-by
        -0.2137, // after-of
        1.5661, // after-place-preposition
        0.5067, // after-determiner
        0.0389, // after-to-for-with
        0.1456, // after-comma
        0.401, // agent-marker
        0.8448, // after-title
        -0.1662, // institution
        0, // institution-when-person-asked
        -0.6344, // demonym
        -0.5673, // in-parentheses
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
        -0.7754, // one-word-name-starting-sentence
        0, // phrase-for-who
        0.2724, // phrase-near-weight
        0.5385, // capitalised-phrase
        0, // number-range
        0, // ordinal
        0, // fraction-or-multiple
        0, // round-quantity
        0, // span-of-time
        0, // number-compound
        0, // clock-time
    ];

    private static readonly double[] Number =
    [
        0.4614, // match-share
        0.4597, // weight-share
        1.3947, // best-sentence
        0.0791, // heaviest-word
        -0.649, // distance
        0.3986, // adjacent
        1.6878, // near-matches
        -1.1108, // before-all-matches
        0.1108, // after-all-matches
        0.1586, // weight-3-before
        1.2602, // weight-3-after
        1.0192, // weight-10-around
        -0.5347, // matches-on-both-sides
        1.6731, // question-word-next
        0.2864, // question-word-before
        0.1029, // wh-word-next-after
        0.1909, // wh-word-next-before
        -0.5034, // last-word-before
        0, // object-question-last-word-before
        0.3473, // starts-sentence
        0, // name
        0, // phrase
        -0.3185, // one-word
        0.8991, // two-words
        -0.5806, // three-words
        0, // four-or-more-words
        0, // one-word-name
        0, // acronym
        -0.0004, // digit
        0.0706, // plural
        0.3703, // verb-like
        0, // whole-run
        0, // run-end
        0.0674, // after-by
        0.282, // after-of
        -0.3937, // after-place-preposition
        -0.4762, // after-determiner
        0.2976, // after-to-for-with
        -0.4375, // after-comma
        0, // agent-marker
        0, // after-title
        0, // institution
        0, // institution-when-person-asked
        0, // demonym
        -0.8749, // in-parentheses
        0, // unit
        -0.4878, // percentage
        0, // share-asked-no-percentage
        -1.8893, // year-like
        -1.3926, // in-a-date
        0.0004, // spelled-number
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
        -0.7149, // number-range
        -1.2436, // ordinal
        0.1151, // fraction-or-multiple
        -0.2237, // round-quantity
        0.5999, // span-of-time
        -0.8395, // number-compound
        -0.0844, // clock-time
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
