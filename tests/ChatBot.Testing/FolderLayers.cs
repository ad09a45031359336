using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace ChatBot.Testing;

/// <summary>
/// The folders of one project as layers, bottom first: a folder may use the folders of the layers below it, never
/// one of its own layer (peers stay apart) nor one above. <see cref="BackwardReferences"/> lists every type that
/// breaks that, with the folder it reaches, so a failing test says what to move.
/// </summary>
public sealed class FolderLayers(Assembly assembly, string rootNamespace, params string[][] layers)
{
    public IReadOnlyList<string> BackwardReferences()
    {
        var found = new List<string>();
        for (var i = 0; i < layers.Length; i++)
        {
            foreach (var folder in layers[i])
            {
                // "Index" must not match "Indexing": a folder is its namespace and those under it, never a longer name.
                var inFolder = $"^{Regex.Escape($"{rootNamespace}.{folder}")}(\\..*)?$";
                var forbidden = layers.Skip(i).SelectMany(l => l).Where(f => f != folder).Select(f => $"{rootNamespace}.{f}").ToArray();
                foreach (var target in forbidden)
                {
                    var targetTypes = TypesIn(target);
                    if (targetTypes.Length == 0)
                    {
                        continue;
                    }

                    var result = Types.InAssembly(assembly).That().ResideInNamespaceMatching(inFolder)
                        .ShouldNot().HaveDependencyOnAny(targetTypes).GetResult();
                    if (!result.IsSuccessful)
                    {
                        found.AddRange(result.FailingTypeNames.Select(t => $"{Outer(t)} → {target}"));
                    }
                }
            }
        }

        return found.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The top-level types of one folder, by full name: a dependency on a namespace would take Indexing for Index.</summary>
    private string[] TypesIn(string folderNamespace)
        => assembly.GetTypes()
            .Where(t => !t.IsNested && t.Namespace is { } ns && (ns == folderNamespace || ns.StartsWith(folderNamespace + ".", StringComparison.Ordinal)))
            .Select(t => t.FullName!)
            .ToArray();

    /// <summary>Compiler-made types (closures, async state machines) are reported as the type that holds them.</summary>
    private static string Outer(string typeName)
    {
        var nested = typeName.IndexOf('/', StringComparison.Ordinal);
        return nested < 0 ? typeName : typeName[..nested];
    }
}
