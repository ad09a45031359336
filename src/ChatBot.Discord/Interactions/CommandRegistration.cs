using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Discord.Interactions;

internal sealed record CommandRegistration(SlashCommandSpec Spec, Type Handler);

internal sealed record ComponentRegistration(ComponentSpec Spec, Type Handler);
