namespace ChatBot.Search.Index;

/// <summary>
/// A word of a text as the index sees it: where it stands in the text (<see cref="Start"/> inclusive,
/// <see cref="End"/> exclusive, a possessive "'s" left out) and its index term (lowercase, diacritics folded,
/// stemmed). Stop words have no token.
/// </summary>
public readonly record struct AnalyzedToken(int Start, int End, string Term);
