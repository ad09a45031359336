namespace ChatBot.Core;

/// <summary>What a server's sources take of its quotas, and the quotas.</summary>
public sealed record QuotaUsage(int Sources, int MaxSources, int Passages, int MaxPassages, long TextBytes, long MaxTextBytes, int UploadsLastHour, int MaxUploadsPerHour);
