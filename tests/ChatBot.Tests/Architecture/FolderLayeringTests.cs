using ChatBot.Cli;
using ChatBot.Testing;

namespace ChatBot.Tests.Architecture;

/// <summary>The executable's folders: Health and Metrics (services the host runs) below the CLI that composes them.</summary>
public sealed class FolderLayeringTests
{
    [Fact]
    public void Folders_ReferenceOnlyLayersBelow_NoBackwardReference()
    {
        var layers = new FolderLayers(typeof(ChatBotCli).Assembly, "ChatBot", ["Health", "Metrics"], ["Cli"]);
        Assert.Empty(layers.BackwardReferences());
    }
}
