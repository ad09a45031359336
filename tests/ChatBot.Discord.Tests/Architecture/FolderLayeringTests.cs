using ChatBot.Testing;

namespace ChatBot.Discord.Tests.Architecture;

/// <summary>The Discord client's folders depend one way, as the README's Development section lays them out.</summary>
public sealed class FolderLayeringTests
{
    public static readonly string[][] Layers =
    [
        ["Foundation"],
        ["Wire"],
        ["Rest"],
        ["Gateway"],
        ["Interactions"],
        ["Rendering"],
        ["Asking"],
        ["Community"],
        ["Commands"],
    ];

    [Fact]
    public void Folders_ReferenceOnlyLayersBelow_NoBackwardReference()
    {
        var layers = new FolderLayers(typeof(DiscordOptions).Assembly, "ChatBot.Discord", Layers);
        Assert.Empty(layers.BackwardReferences());
    }

    [Fact]
    public void BackwardReferences_LayersTurnedUpsideDown_NameTheTypesThatReachUp()
    {
        var upsideDown = new FolderLayers(typeof(DiscordOptions).Assembly, "ChatBot.Discord", [["Rest"], ["Wire"]]);
        Assert.Contains("ChatBot.Discord.Rest.DiscordRestClient → ChatBot.Discord.Wire", upsideDown.BackwardReferences());
    }
}
