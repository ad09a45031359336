using ChatBot.Cli;

StartupProfile.Start(args);
return await ChatBotCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
