namespace ChatBot.Discord;

/// <summary>
/// What the executable may read about the command slots (<see cref="DiscordOptions.MaxConcurrentCommands"/>), the
/// one gate every question passes: how many there are, how many are busy, how many questions wait for one, and
/// whether they are stuck.
/// </summary>
public interface ICommandSlotsStatus
{
    /// <summary>Questions answered at once.</summary>
    int Capacity { get; }

    int Busy { get; }

    /// <summary>Questions accepted and waiting for a slot.</summary>
    int Waiting { get; }

    /// <summary>
    /// Since when every slot has been busy with no question finishing; null while a slot is free. A health check
    /// that sees this old knows the bot is stuck even though its gateway is connected.
    /// </summary>
    DateTimeOffset? StalledSince { get; }
}
