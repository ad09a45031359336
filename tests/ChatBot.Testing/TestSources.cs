namespace ChatBot.Testing;

/// <summary>Small sources for tests of uploads: texts the bundled corpus does not cover.</summary>
public static class TestSources
{
    /// <summary>A Markdown source with front matter and two passages, about a war the seed texts never mention.</summary>
    public const string Chaco = """
        ---
        title: The Chaco War
        author: A. Historian
        ---
        The Chaco War was fought between Bolivia and Paraguay from 1932 to 1935 over the Gran Chaco region.

        Paraguay kept most of the disputed territory when the armistice was signed in June 1935.
        """;
}
