namespace ChatBot.Search.Analysis;

/// <summary>
/// The Porter2 ("English") stemmer of the Snowball project, written from its published description
/// (snowballstem.org/algorithms/english/stemmer.html). Input is a lowercase word without apostrophes;
/// words of two letters or fewer and words with digits come back unchanged. No stemmer package is
/// installable from this project's registry, hence our own.
/// </summary>
public static class EnglishStemmer
{
    private static readonly Dictionary<string, string> Exceptions = new(StringComparer.Ordinal)
    {
        ["skis"] = "ski", ["skies"] = "sky", ["dying"] = "die", ["lying"] = "lie", ["tying"] = "tie",
        ["idly"] = "idl", ["gently"] = "gentl", ["ugly"] = "ugli", ["early"] = "earli", ["only"] = "onli",
        ["singly"] = "singl", ["sky"] = "sky", ["news"] = "news", ["howe"] = "howe", ["atlas"] = "atlas",
        ["cosmos"] = "cosmos", ["bias"] = "bias", ["andes"] = "andes", ["hying"] = "hie", ["vying"] = "vie",
        ["evening"] = "evening", ["evenings"] = "evening",
    };

    // Words starting with these have R1 right after them ("generous" -> "generous", not "gener").
    private static readonly string[] RegionPrefixes = ["commun", "univers", "gener", "arsen", "later", "emerg", "organ", "inter", "past"];

    private static readonly HashSet<string> InvariantAfterStep1A = new(StringComparer.Ordinal)
    {
        "inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed",
    };

    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ization", "ize"), ("ational", "ate"), ("fulness", "ful"), ("ousness", "ous"), ("iveness", "ive"),
        ("tional", "tion"), ("biliti", "ble"), ("lessli", "less"), ("ogist", "og"), ("entli", "ent"), ("ation", "ate"),
        ("alism", "al"), ("aliti", "al"), ("ousli", "ous"), ("iviti", "ive"), ("fulli", "ful"),
        ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("izer", "ize"), ("ator", "ate"),
        ("alli", "al"), ("bli", "ble"), ("ogi", "og"), ("li", ""),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
        ("ative", ""), ("ical", "ic"), ("ness", ""), ("ful", ""),
    ];

    private static readonly string[] Step4Suffixes =
    [
        "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize",
        "ion", "al", "er", "ic",
    ];

    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 2 || !IsPlainLowercase(word))
        {
            return word;
        }

        if (Exceptions.TryGetValue(word, out var exception))
        {
            return exception;
        }

        var w = new Word(word);
        w.MarkConsonantY();
        w.ComputeRegions();
        w.Step1A();
        if (InvariantAfterStep1A.Contains(w.ToString()))
        {
            return w.ToString();
        }

        w.Step1B();
        w.Step1C();
        w.Step2();
        w.Step3();
        w.Step4();
        w.Step5();
        return w.ToString().Replace('Y', 'y');
    }

    private static bool IsPlainLowercase(string word)
    {
        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The word being stemmed, with its R1 and R2 regions.</summary>
    private sealed class Word(string text)
    {
        private readonly System.Text.StringBuilder chars = new(text);
        private int r1;
        private int r2;

        private int Length => chars.Length;

        public override string ToString() => chars.ToString();

        public void MarkConsonantY()
        {
            if (chars[0] == 'y')
            {
                chars[0] = 'Y';
            }

            for (var i = 1; i < Length; i++)
            {
                if (chars[i] == 'y' && IsVowel(chars[i - 1]))
                {
                    chars[i] = 'Y';
                }
            }
        }

        public void ComputeRegions()
        {
            var s = chars.ToString();
            var prefix = Array.Find(RegionPrefixes, p => s.StartsWith(p, StringComparison.Ordinal));
            r1 = prefix is not null ? prefix.Length : RegionAfter(0);

            r2 = RegionAfter(r1);
        }

        private int RegionAfter(int start)
        {
            for (var i = start + 1; i < Length; i++)
            {
                if (!IsVowel(chars[i]) && IsVowel(chars[i - 1]))
                {
                    return i + 1;
                }
            }

            return Length;
        }

        public void Step1A()
        {
            if (EndsWith("sses"))
            {
                Replace(4, "ss");
            }
            else if (EndsWith("ied") || EndsWith("ies"))
            {
                Replace(3, Length > 4 ? "i" : "ie");
            }
            else if (EndsWith("us") || EndsWith("ss"))
            {
                // Kept as they are.
            }
            else if (EndsWith("s") && HasVowelBefore(Length - 2))
            {
                Replace(1, "");
            }
        }

        public void Step1B()
        {
            if (EndsWith("eedly"))
            {
                if (Length - 5 >= r1)
                {
                    Replace(5, "ee");
                }

                return;
            }

            if (EndsWith("eed"))
            {
                if (Length - 3 >= r1)
                {
                    Replace(3, "ee");
                }

                return;
            }

            var suffix = EndsWith("ingly") ? 5 : EndsWith("edly") ? 4 : EndsWith("ing") ? 3 : EndsWith("ed") ? 2 : 0;
            if (suffix == 0 || !HasVowelBefore(Length - suffix))
            {
                return;
            }

            Replace(suffix, "");
            if (EndsWith("at") || EndsWith("bl") || EndsWith("iz"))
            {
                chars.Append('e');
            }
            else if (EndsWithDouble())
            {
                // "hopp" -> "hop", but "add", "ebb", "err" and "off" stay whole.
                if (!(Length == 3 && IsVowel(chars[0])))
                {
                    chars.Length--;
                }
            }
            else if (IsShortWord())
            {
                chars.Append('e');
            }
        }

        public void Step1C()
        {
            if (Length > 2 && (chars[^1] is 'y' or 'Y') && !IsVowel(chars[^2]))
            {
                chars[^1] = 'i';
            }
        }

        public void Step2()
        {
            foreach (var (suffix, replacement) in Step2Rules)
            {
                if (!EndsWith(suffix))
                {
                    continue;
                }

                if (Length - suffix.Length >= r1)
                {
                    if (suffix == "ogi")
                    {
                        if (Length > 3 && chars[Length - 4] == 'l')
                        {
                            Replace(3, replacement);
                        }
                    }
                    else if (suffix == "li")
                    {
                        if (Length > 2 && IsValidLiEnding(chars[Length - 3]))
                        {
                            Replace(2, replacement);
                        }
                    }
                    else
                    {
                        Replace(suffix.Length, replacement);
                    }
                }

                return;
            }
        }

        public void Step3()
        {
            foreach (var (suffix, replacement) in Step3Rules)
            {
                if (!EndsWith(suffix))
                {
                    continue;
                }

                if (Length - suffix.Length >= r1 && (suffix != "ative" || Length - suffix.Length >= r2))
                {
                    Replace(suffix.Length, replacement);
                }

                return;
            }
        }

        public void Step4()
        {
            foreach (var suffix in Step4Suffixes)
            {
                if (!EndsWith(suffix))
                {
                    continue;
                }

                if (Length - suffix.Length >= r2)
                {
                    if (suffix == "ion")
                    {
                        if (Length > 3 && chars[Length - 4] is 's' or 't')
                        {
                            Replace(3, "");
                        }
                    }
                    else
                    {
                        Replace(suffix.Length, "");
                    }
                }

                return;
            }
        }

        public void Step5()
        {
            if (EndsWith("e"))
            {
                var before = Length - 1;
                if (before >= r2 || (before >= r1 && !EndsWithShortSyllable(before)))
                {
                    chars.Length--;
                }
            }
            else if (EndsWith("l") && Length - 1 >= r2 && Length > 1 && chars[^2] == 'l')
            {
                chars.Length--;
            }
        }

        private bool EndsWith(string suffix)
        {
            if (suffix.Length > Length)
            {
                return false;
            }

            var offset = Length - suffix.Length;
            for (var i = 0; i < suffix.Length; i++)
            {
                if (chars[offset + i] != suffix[i])
                {
                    return false;
                }
            }

            return true;
        }

        private void Replace(int suffixLength, string replacement)
        {
            chars.Length -= suffixLength;
            // R1 and R2 stay where they were: a region past the end is empty, and a word that grows back
            // ("hop" + "e") must not gain a region it did not have.
            chars.Append(replacement);
        }

        /// <summary>True when a vowel occurs in chars[0..end), end exclusive.</summary>
        private bool HasVowelBefore(int end)
        {
            for (var i = 0; i < end; i++)
            {
                if (IsVowel(chars[i]))
                {
                    return true;
                }
            }

            return false;
        }

        private bool EndsWithDouble()
            => Length >= 2 && chars[^1] == chars[^2] && chars[^1] is 'b' or 'd' or 'f' or 'g' or 'm' or 'n' or 'p' or 'r' or 't';

        private bool IsShortWord() => r1 >= Length && EndsWithShortSyllable(Length);

        /// <summary>Whether chars[0..end) ends with a short syllable.</summary>
        private bool EndsWithShortSyllable(int end)
        {
            if (end == 2)
            {
                return IsVowel(chars[0]) && !IsVowel(chars[1]);
            }

            if (end < 3)
            {
                return false;
            }

            var last = chars[end - 1];
            return !IsVowel(chars[end - 3]) && IsVowel(chars[end - 2]) && !IsVowel(last) && last is not ('w' or 'x' or 'Y');
        }

        private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

        private static bool IsValidLiEnding(char c) => c is 'c' or 'd' or 'e' or 'g' or 'h' or 'k' or 'm' or 'n' or 'r' or 't';
    }
}
