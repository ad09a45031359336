namespace ChatBot.Search.Store;

/// <summary>The index database cannot be used; the message says why in one line and names the file.</summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);
