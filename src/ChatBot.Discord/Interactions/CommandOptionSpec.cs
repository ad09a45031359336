using ChatBot.Discord.Wire;


namespace ChatBot.Discord.Interactions;

/// <summary>One option; subcommands and groups nest their options in <see cref="Options"/>.</summary>
internal sealed record CommandOptionSpec(string Name, string Description, ApplicationCommandOptionType Type = ApplicationCommandOptionType.String, bool Required = false)
{
    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public double? MinValue { get; init; }

    public double? MaxValue { get; init; }

    public bool Autocomplete { get; init; }

    public IReadOnlyList<ApplicationCommandChoice>? Choices { get; init; }

    public IReadOnlyList<CommandOptionSpec>? Options { get; init; }

    public ApplicationCommandOption ToApplicationCommandOption() => new()
    {
        Type = Type,
        Name = Name,
        Description = Description,
        Required = Required ? true : null,
        MinLength = MinLength,
        MaxLength = MaxLength,
        MinValue = MinValue,
        MaxValue = MaxValue,
        Autocomplete = Autocomplete ? true : null,
        Choices = Choices,
        Options = Options?.Select(o => o.ToApplicationCommandOption()).ToList(),
    };
}
