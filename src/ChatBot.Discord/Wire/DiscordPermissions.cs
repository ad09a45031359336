namespace ChatBot.Discord.Wire;

/// <summary>Permission bits this bot reads or asks for; any other bit is kept as a number, never rejected.</summary>
[Flags]
#pragma warning disable CA1711 // "Permissions" is Discord's own name for the bitfield.
internal enum DiscordPermissions : ulong
#pragma warning restore CA1711
{
    None = 0,
    Administrator = 1UL << 3,
    ManageGuild = 1UL << 5,
    ViewChannel = 1UL << 10,
    SendMessages = 1UL << 11,
    EmbedLinks = 1UL << 14,
    AttachFiles = 1UL << 15,
    ReadMessageHistory = 1UL << 16,
    UseApplicationCommands = 1UL << 31,
    SendMessagesInThreads = 1UL << 38,
}
