using System.Collections.Concurrent;
using ChatBot.Core;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Asking;

/// <summary>
/// What the limit says to one question: <see cref="Wait"/> is null when it may be answered, else how long until
/// the member may ask again; <see cref="Tell"/> says whether to tell them so (a public refusal is sent at most once
/// a window, so a member who keeps mentioning the bot cannot make it post refusal after refusal).
/// </summary>
internal readonly record struct AskAdmission(TimeSpan? Wait, bool Tell)
{
    public bool Allowed => Wait is null;
}
