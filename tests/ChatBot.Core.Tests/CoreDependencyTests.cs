using System.Reflection;
using ChatBot.Core;

namespace ChatBot.Core.Tests;

public sealed class CoreDependencyTests
{
    [Fact]
    public void CoreAssembly_ReferencesOnlyTheFramework()
    {
        var references = typeof(Answer).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.True(
            name is "System.Runtime" or "netstandard" or "mscorlib" || name.StartsWith("System.", StringComparison.Ordinal),
            $"ChatBot.Core references {name}"));
    }

    [Fact]
    public void CoreTypes_MentionNoDiscordSqlOrFiles()
    {
        var forbidden = new[] { "Discord", "Sqlite", "Sql", "File", "Http" };
        var names = typeof(Answer).Assembly.GetTypes().SelectMany(t => new[] { t.Name }.Concat(t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Select(m => m.Name)));
        Assert.DoesNotContain(names, n => forbidden.Any(f => n.Contains(f, StringComparison.Ordinal)));
    }
}
