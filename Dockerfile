# Helpline: one container. Build: docker build -t helpline .
# (deploy/container-check.sh builds, runs and checks it with podman, from local stand-ins of the two base
#  images passed as SDK_IMAGE and ASPNET_IMAGE; the defaults are Microsoft's images.)
# Run:   docker run -p 8080:8080 -e Twilio__AuthToken=... -e Twilio__AccountSid=... \
#          -e Helpline__CallerKeySecret=... -e Helpline__PublicBaseUrl=https://your.host \
#          -v helpline-data:/app/data helpline

ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG ASPNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props Helpline.sln ./
COPY src/ src/
COPY tests/ tests/
RUN dotnet restore src/Helpline.Web/Helpline.Web.csproj
RUN dotnet publish src/Helpline.Web/Helpline.Web.csproj -c Release -o /app/publish --no-restore

FROM ${ASPNET_IMAGE} AS runtime
# ICU stays on: Dari and Pashto (fa-AF, ps-AF) need real culture data and right-to-left text.
ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false \
    ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Helpline__ContentRoot=/app \
    Helpline__DataFolder=/app/data
WORKDIR /app
COPY --from=build /app/publish ./
# The content editors change: flows, texts (with recorded and stand-in audio), directory, facts.
COPY flows/ flows/
COPY locales/ locales/
COPY directory/ directory/
COPY facts/ facts/
RUN mkdir -p /app/data && chown -R $APP_UID /app/data
USER $APP_UID
EXPOSE 8080
VOLUME /app/data
# No curl in the runtime image: bash's /dev/tcp asks /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
ENTRYPOINT ["dotnet", "Helpline.Web.dll"]
