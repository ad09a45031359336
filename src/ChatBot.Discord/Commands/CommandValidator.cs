using System.Text.RegularExpressions;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Commands;

/// <summary>
/// Checks commands against Discord's rules (https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-naming) before they are sent, so a mistake in a spec fails at start
/// with a clear message instead of a 400 from the bulk overwrite.
/// </summary>
internal static partial class CommandValidator
{
    public const int MaxCommandSize = 8000;
    public const int MaxOptions = 25;
    public const int MaxChoices = 25;

    public static IReadOnlyList<string> Validate(IReadOnlyCollection<ApplicationCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var problems = new List<string>();
        if (commands.Count > 100)
        {
            problems.Add($"{commands.Count} commands; Discord allows 100 slash commands per scope");
        }

        foreach (var duplicate in commands.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"/{duplicate.Key} is defined twice");
        }

        foreach (var command in commands)
        {
            CheckName(problems, "/" + command.Name, command.Name);
            CheckDescription(problems, "/" + command.Name, command.Description);
            CheckOptions(problems, "/" + command.Name, command.Options ?? []);
            var size = Size(command);
            if (size > MaxCommandSize)
            {
                problems.Add($"/{command.Name} has {size} characters of names, descriptions and values; Discord allows {MaxCommandSize}");
            }
        }

        return problems;
    }

    /// <summary>The characters that count toward the 8000 of one command: names, descriptions and choice values.</summary>
    public static int Size(ApplicationCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.Name.Length + command.Description.Length + (command.Options?.Sum(Size) ?? 0);
    }

    private static int Size(ApplicationCommandOption option)
        => option.Name.Length + option.Description.Length
           + (option.Choices?.Sum(c => c.Name.Length + (c.Value.ToString()?.Length ?? 0)) ?? 0)
           + (option.Options?.Sum(Size) ?? 0);

    private static void CheckOptions(List<string> problems, string where, IReadOnlyList<ApplicationCommandOption> options)
    {
        if (options.Count > MaxOptions)
        {
            problems.Add($"{where} has {options.Count} options; Discord allows {MaxOptions}");
        }

        var seenOptional = false;
        foreach (var option in options)
        {
            var path = where + " " + option.Name;
            CheckName(problems, path, option.Name);
            CheckDescription(problems, path, option.Description);
            if (option.Required is true && seenOptional)
            {
                problems.Add($"{path} is required but follows an optional option; required options come first");
            }

            seenOptional |= option.Required is not true;
            if (option.Choices is { Count: > MaxChoices })
            {
                problems.Add($"{path} has {option.Choices.Count} choices; Discord allows {MaxChoices}");
            }

            if (option.Choices is { Count: > 0 } && option.Autocomplete is true)
            {
                problems.Add($"{path} has both choices and autocomplete");
            }

            if (option.MaxLength is < 1 or > 6000 || option.MinLength is < 0 or > 6000)
            {
                problems.Add($"{path} has a length limit outside 0–6000");
            }

            if (option.Options is { } nested)
            {
                CheckOptions(problems, path, nested);
            }
        }

        var names = options.GroupBy(o => o.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
        problems.AddRange(names.Select(name => $"{where} has two options named {name}"));
    }

    private static void CheckName(List<string> problems, string where, string name)
    {
        if (!NamePattern().IsMatch(name) || !string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal))
        {
            problems.Add($"{where}: '{name}' is not a valid name (1–32 lowercase letters, digits, - _ ')");
        }
    }

    private static void CheckDescription(List<string> problems, string where, string description)
    {
        if (description.Length is < 1 or > 100)
        {
            problems.Add($"{where}: the description must be 1–100 characters, not {description.Length}");
        }
    }

    // Discord's pattern is ^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$; .NET has no script classes, so the
    // Devanagari and Thai blocks stand in for them.
    [GeneratedRegex(@"^[-_'\p{L}\p{N}\p{IsDevanagari}\p{IsThai}]{1,32}$")]
    private static partial Regex NamePattern();
}
