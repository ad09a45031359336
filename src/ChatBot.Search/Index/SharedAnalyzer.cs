namespace ChatBot.Search.Index;

/// <summary>The analyzer instance indexing and questions share; it reuses one token stream per thread.</summary>
internal static class SharedAnalyzer
{
    public static PassageAnalyzer Instance { get; } = new();
}
