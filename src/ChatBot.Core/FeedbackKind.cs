namespace ChatBot.Core;

/// <summary>What a member said of an answer with the buttons under it.</summary>
public enum FeedbackKind
{
    Helpful,
    NotHelpful,
    BadQuote,
}
