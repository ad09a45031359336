using ChatBot.Cli;

return await ChatBotCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None, StartupProfile.Start);
