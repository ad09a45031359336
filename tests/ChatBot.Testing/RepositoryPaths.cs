namespace ChatBot.Testing;

/// <summary>Paths inside the repository, which the build records in the test assembly.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string BundledSources => Path.Combine(Root, "index", "sources");

    public static string SeedQuestions => Path.Combine(Root, "eval", "seed-questions.tsv");

    private static string FindRoot()
    {
        var root = typeof(RepositoryPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;
        return File.Exists(Path.Combine(root, "ChatBot.sln"))
            ? root
            : throw new InvalidOperationException($"ChatBot.sln not found in {root}");
    }
}
