using System.ComponentModel.DataAnnotations;

namespace ChatBot.Core;

/// <summary>How answers are shaped (section "Answers"), the same for the command line and the bot.</summary>
public sealed class AnswersOptions
{
    public const string Section = "Answers";

    /// <summary>Quotes per answer.</summary>
    [Range(1, 10)]
    public int MaxResults { get; set; } = 3;
}
