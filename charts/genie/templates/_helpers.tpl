{{/* Names, labels and the small pieces every template shares. */}}

{{- define "genie.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's prefix of every resource name, kept short enough for the suffixes the templates add. */}}
{{- define "genie.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "genie.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object; pass (dict "root" $ "component" "server"). */}}
{{- define "genie.labels" -}}
helm.sh/chart: {{ include "genie.chart" .root }}
{{ include "genie.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: genie
{{- end }}

{{/* The labels a component's Service, PodDisruptionBudget and NetworkPolicy select its pods by. */}}
{{- define "genie.selectorLabels" -}}
app.kubernetes.io/name: {{ include "genie.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "genie.serverName" -}}
{{- printf "%s-server" (include "genie.fullname" .) }}
{{- end }}

{{- define "genie.portalName" -}}
{{- printf "%s-portal" (include "genie.fullname" .) }}
{{- end }}

{{- define "genie.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "genie.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The chart's own Secret, holding the secret values given in values.yaml (never those named as existingSecret). */}}
{{- define "genie.secretName" -}}
{{- include "genie.fullname" . }}
{{- end }}

{{/* The namespace of the task pods, where Genie keeps their Secrets. */}}
{{- define "genie.podsNamespace" -}}
{{- default .Release.Namespace .Values.airflow.kubernetesNamespace }}
{{- end }}

{{/* An image reference; pass (dict "root" $ "image" .Values.server.image). */}}
{{- define "genie.image" -}}
{{- $repository := .image.repository }}
{{- if .root.Values.image.registry }}
{{- $repository = printf "%s/%s" (trimSuffix "/" .root.Values.image.registry) .image.repository }}
{{- end }}
{{- printf "%s:%s" $repository (default .root.Chart.AppVersion .image.tag) }}
{{- end }}

{{/*
The EnvVars read from secret values: pass (dict "root" $ "refs" (list (list NAME VALUE) ...)), each VALUE a
{value, existingSecret, key}. A variable comes from the named Secret, or from the chart's Secret where the value was
given inline, and is left out when neither is set. Renders a YAML list (possibly empty).
*/}}
{{- define "genie.secretEnv" -}}
{{- $env := list }}
{{- range .refs }}
{{- $name := index . 0 }}
{{- $ref := index . 1 }}
{{- if or $ref.existingSecret $ref.value }}
{{- $source := dict "name" ($ref.existingSecret | default (include "genie.secretName" $.root)) "key" $ref.key }}
{{- $env = append $env (dict "name" $name "valueFrom" (dict "secretKeyRef" $source)) }}
{{- end }}
{{- end }}
{{- toYaml $env }}
{{- end }}

{{/* A ConfigMap's data from a dict of environment variables, one quoted value a line, in key order. */}}
{{- define "genie.envData" -}}
{{- range $name, $value := . }}
{{ $name }}: {{ toString $value | quote }}
{{- end }}
{{- end }}

{{/* The executor of jobs that name none: the value given, else Airflow once Airflow is configured. */}}
{{- define "genie.defaultExecutor" -}}
{{- if .Values.defaultExecutor }}
{{- .Values.defaultExecutor }}
{{- else if .Values.airflow.baseUrl }}
{{- "Airflow" }}
{{- else }}
{{- "Local" }}
{{- end }}
{{- end }}

{{/* The Npgsql connection string without a password (Npgsql reads PGPASSWORD for that). */}}
{{- define "genie.connectionString" -}}
{{- $db := .Values.database }}
{{- $text := printf "Host=%s;Port=%v;Database=%s;Username=%s;SSL Mode=%s" $db.host $db.port $db.name $db.username $db.sslMode }}
{{- if $db.options }}
{{- $text = printf "%s;%s" $text (trimPrefix ";" $db.options) }}
{{- end }}
{{- $text }}
{{- end }}

{{/* The Kafka bootstrap servers and Schema Registry the Flink job uses. */}}
{{- define "genie.flinkKafka" -}}
{{- default .Values.kafka.bootstrapServers .Values.flink.kafkaBootstrapServers }}
{{- end }}

{{- define "genie.flinkSchemaRegistry" -}}
{{- default .Values.kafka.schemaRegistryUrl .Values.flink.schemaRegistryUrl }}
{{- end }}

{{/* Name of the generated-or-given encryption key Secret. */}}
{{- define "genie.encryptionKeySecretName" -}}
{{- if .Values.secrets.encryptionKey.existingSecret }}
{{- .Values.secrets.encryptionKey.existingSecret }}
{{- else if .Values.secrets.encryptionKey.value }}
{{- include "genie.secretName" . }}
{{- else }}
{{- printf "%s-encryption-key" (include "genie.fullname" .) }}
{{- end }}
{{- end }}
