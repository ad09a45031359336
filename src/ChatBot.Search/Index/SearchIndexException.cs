namespace ChatBot.Search.Index;

/// <summary>The search index cannot be used as asked; the message says why in one line and names the folder.</summary>
public sealed class SearchIndexException(string message, Exception? inner = null) : Exception(message, inner);
