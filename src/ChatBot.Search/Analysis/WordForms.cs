using ChatBot.Search.Index;

namespace ChatBot.Search.Analysis;

/// <summary>
/// Word forms a stemmer misses: irregular verbs ("led" is "lead", "overthrew" is "overthrow") and derived
/// forms that keep their own stem ("leader", "leadership" beside "lead"). Given a query term, <see cref="Family"/>
/// lists the related terms to look for in an index's vocabulary.
/// </summary>
public static class WordForms
{
    // Past tense and past participle -> base form, for the irregular verbs that come up in history. Forms that
    // are also common words of their own ("left", "found", "ground", "wound", "felt") are left out.
    private static readonly Dictionary<string, string> Irregular = Build(
        "awoke awoken:awake", "became:become", "began begun:begin", "bent:bend", "bit bitten:bite", "bled:bleed",
        "blew blown:blow", "broke broken:break", "bred:breed", "brought:bring", "built:build", "burnt:burn",
        "bought:buy", "caught:catch", "chose chosen:choose", "clung:cling", "came:come", "crept:creep", "dealt:deal", "dug:dig", "did done:do", "drew drawn:draw", "dreamt:dream",
        "drank drunk:drink", "drove driven:drive", "dwelt:dwell", "ate eaten:eat", "fell fallen:fall", "fed:feed",
        "fought:fight", "fled:flee", "flung:fling", "flew flown:fly", "forbade forbidden:forbid",
        "foresaw foreseen:foresee", "foretold:foretell", "forgot forgotten:forget", "forgave forgiven:forgive",
        "forsook forsaken:forsake", "froze frozen:freeze", "got gotten:get", "gave given:give", "went gone:go",
        "grew grown:grow", "hung:hang", "had:have", "heard:hear", "hid hidden:hide", "held:hold", "kept:keep", "knelt:kneel", "knew known:know", "led:lead", "leapt:leap",
        "learnt:learn", "lent:lend", "lost:lose", "made:make",
        "meant:mean", "met:meet", "mistook mistaken:mistake", "overcame overcome:overcome", "overran overrun:overrun",
        "oversaw overseen:oversee", "overthrew overthrown:overthrow", "overtook overtaken:overtake", "paid:pay",
        "rode ridden:ride", "rang rung:ring", "rose risen:rise", "ran run:run",
        "said:say", "saw seen:see", "sought:seek", "sold:sell", "sent:send", "shook shaken:shake",
        "shone:shine", "shot:shoot", "showed shown:show", "shrank shrunk:shrink", "shut:shut",
        "sang sung:sing", "sank sunk:sink", "sat:sit", "slew slain:slay", "slept:sleep", "slid:slide", "smote smitten:smite",
        "spoke spoken:speak", "sped:speed", "spent:spend", "spun:spin", "spat:spit", "sprang sprung:spring", "stood:stand", "stole stolen:steal", "stuck:stick", "stung:sting", "strode stridden:stride",
        "struck stricken:strike", "strove striven:strive", "swore sworn:swear", "swept:sweep", "swam swum:swim",
        "swung:swing", "took taken:take", "taught:teach", "tore torn:tear", "told:tell", "thought:think", "threw thrown:throw",
        "trod trodden:tread", "underwent undergone:undergo", "understood:understand",
        "undertook undertaken:undertake", "upheld:uphold", "woke woken:wake", "wore worn:wear",
        "wove woven:weave", "wed:wed", "wept:weep", "won:win", "withdrew withdrawn:withdraw",
        "withheld:withhold", "withstood:withstand", "wrung:wring", "wrote written:write",
        "children:child", "men:man", "women:woman", "people:person", "feet:foot", "teeth:tooth", "mice:mouse");

    // Base form's term -> the terms of its irregular forms ("lead" -> "led"), so a question in the present finds a
    // text in the past.
    private static readonly Dictionary<string, string[]> Inflected = Irregular
        .Select(p => (Lemma: TextAnalysis.TermOf(p.Value), Form: TextAnalysis.TermOf(p.Key)))
        .Where(p => p.Lemma is not null && p.Form is not null && p.Lemma != p.Form)
        .GroupBy(p => p.Lemma!, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(p => p.Form!).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    // Endings that make a noun of a person, a role or an act from a word while Porter2 keeps them ("leader",
    // "leadership"). Only these: adjective endings and the like relate too loosely ("super" is not "superdom").
    private static readonly string[] DerivedEndings = ["er", "ership", "ship", "or", "ist", "ism", "ment"];

    /// <summary>
    /// Terms related to <paramref name="term"/> (an analyzed query term whose word was <paramref name="word"/>,
    /// lowercase) that <paramref name="isKnown"/> says the index holds, not counting the term itself. A plain
    /// word gets no derived forms ("bowl" is not "bowler"); an irregular form gets its base and the base's
    /// derived forms ("led": "lead", "leader", "leadership"), and a derived form its base and siblings
    /// ("leadership": "lead", "leader"); a base form gets its irregular forms ("overthrow": "overthrew",
    /// "overthrown").
    /// </summary>
    public static IReadOnlyList<string> Family(string word, string term, Func<string, bool> isKnown)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(isKnown);
        var bases = new List<string>();
        if (Irregular.TryGetValue(word, out var lemma) && TextAnalysis.TermOf(lemma) is { } lemmaTerm)
        {
            bases.Add(lemmaTerm);
        }

        // "leadership" -> "leader" -> "lead": strip derived endings while what remains is a known term.
        for (var i = -1; i < bases.Count; i++)
        {
            var candidate = i < 0 ? term : bases[i];
            foreach (var ending in DerivedEndings)
            {
                if (candidate.Length > ending.Length + 2 && candidate.EndsWith(ending, StringComparison.Ordinal))
                {
                    var stripped = candidate[..^ending.Length];
                    if (isKnown(stripped) && !bases.Contains(stripped))
                    {
                        bases.Add(stripped);
                    }
                }
            }
        }

        var family = new List<string>();
        foreach (var form in Inflected.GetValueOrDefault(term, []))
        {
            Consider(form);
        }

        foreach (var stem in bases)
        {
            Consider(stem);
            foreach (var ending in DerivedEndings)
            {
                Consider(stem + ending);
            }
        }

        return family;

        void Consider(string candidate)
        {
            if (candidate != term && !family.Contains(candidate) && isKnown(candidate))
            {
                family.Add(candidate);
            }
        }
    }

    private static Dictionary<string, string> Build(params string[] entries)
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var (forms, lemma) = (entry[..entry.IndexOf(':', StringComparison.Ordinal)], entry[(entry.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            foreach (var form in forms.Split(' '))
            {
                if (form != lemma)
                {
                    table[form] = lemma;
                }
            }
        }

        return table;
    }
}
