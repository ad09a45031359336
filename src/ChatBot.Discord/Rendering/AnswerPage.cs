using System.Globalization;
using System.Text;
using ChatBot.Core;

namespace ChatBot.Discord.Rendering;

/// <summary>
/// Which slice of an answer a card shows, the question-store key its buttons carry (null: no buttons), and the
/// ask log id its feedback buttons carry (null: no feedback buttons).
/// </summary>
internal sealed record AnswerPage(string? Key, int Skip, long? AskId = null)
{
    /// <summary>The one kind of source the answer quotes, when the asker chose one; the buttons keep it.</summary>
    public SourceKind? Kind { get; init; }
}
