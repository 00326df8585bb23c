# syntax=docker/dockerfile:1
# The web app (and its command line) in a container: build with the .NET SDK, run on the ASP.NET Core runtime image
# as its non-root user. See docs/self-hosting.md.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
# Restore first, from the project files only, so that the packages layer is reused while only code changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Domain/OneTimeSecret.Domain.csproj src/Domain/
COPY src/Application/OneTimeSecret.Application.csproj src/Application/
COPY src/Infrastructure/OneTimeSecret.Infrastructure.csproj src/Infrastructure/
COPY src/Web/OneTimeSecret.Web.csproj src/Web/
RUN dotnet restore src/Web/OneTimeSecret.Web.csproj
COPY src/ src/
RUN dotnet publish src/Web/OneTimeSecret.Web.csproj --configuration Release --no-restore --output /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# data/ holds the SQLite database when no PostgreSQL is configured; the app user must be able to write it.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
COPY --from=build /app ./
# The image's built-in non-root user ("app").
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_NOLOGO=1
EXPOSE 8080
# The image has no curl: the app's own command line asks /health/live on the local port.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "OneTimeSecret.Web.dll", "health", "live"]
ENTRYPOINT ["dotnet", "OneTimeSecret.Web.dll"]
