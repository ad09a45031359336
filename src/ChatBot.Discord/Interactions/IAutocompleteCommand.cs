using ChatBot.Discord.Wire;


namespace ChatBot.Discord.Interactions;

/// <summary>A command with an autocompleted option; answers type 4 interactions with at most 25 choices.</summary>
internal interface IAutocompleteCommand : ISlashCommand
{
    ValueTask<IReadOnlyList<AutocompleteChoice>> AutocompleteAsync(InteractionContext call, CancellationToken cancellationToken);
}
