// The client's folders, from the bottom layer up: tests reach across all of them.
global using ChatBot.Discord.Foundation;
global using ChatBot.Discord.Wire;
global using ChatBot.Discord.Rest;
global using ChatBot.Discord.Gateway;
global using ChatBot.Discord.Interactions;
global using ChatBot.Discord.Rendering;
global using ChatBot.Discord.Asking;
global using ChatBot.Discord.Community;
global using ChatBot.Discord.Commands;
