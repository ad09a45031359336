namespace ChatBot.Discord.Wire;

internal enum ComponentType
{
    ActionRow = 1,
    Button = 2,
    StringSelect = 3,
    TextInput = 4,
}

internal enum ButtonStyle
{
    Primary = 1,
    Secondary = 2,
    Success = 3,
    Danger = 4,
    Link = 5,
}

/// <summary>A legacy action row: at most five buttons (https://discord.com/developers/docs/components/reference#action-row).</summary>
internal sealed record ActionRow(IReadOnlyList<Button> Components)
{
    public ComponentType Type { get; } = ComponentType.ActionRow;
}

/// <summary>A button; interactive styles carry a custom id of 1–100 characters, link buttons a URL.</summary>
internal sealed record Button
{
    public const int MaxCustomIdLength = 100;
    public const int MaxLabelLength = 80;

    public ComponentType Type { get; } = ComponentType.Button;

    public ButtonStyle Style { get; init; }

    public string? Label { get; init; }

    public string? CustomId { get; init; }

    public string? Url { get; init; }

    public bool? Disabled { get; init; }

    public static Button Action(string label, string customId, ButtonStyle style = ButtonStyle.Secondary)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        ArgumentException.ThrowIfNullOrEmpty(customId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(customId.Length, MaxCustomIdLength, nameof(customId));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(label.Length, MaxLabelLength, nameof(label));
        return new Button { Style = style, Label = label, CustomId = customId };
    }
}
