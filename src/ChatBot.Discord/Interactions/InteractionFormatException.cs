using System.Globalization;
using System.Text.Json;
using ChatBot.Core;

namespace ChatBot.Discord.Interactions;

/// <summary>A payload that parsed as JSON but lacks what the interaction needs (a required option, a value of the right type).</summary>
internal sealed class InteractionFormatException : Exception
{
    public InteractionFormatException()
    {
    }

    public InteractionFormatException(string message)
        : base(message)
    {
    }

    public InteractionFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
