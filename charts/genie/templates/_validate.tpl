{{/* Combinations of values that render valid objects but a Genie that cannot work; helm stops with the reason. */}}
{{- define "genie.validate" -}}
{{- $publish := .Values.airflow.publish }}
{{- if and .Values.airflow.baseUrl (eq $publish.kind "S3") (not $publish.s3.bucket) }}
{{- fail "airflow.publish.s3.bucket is required when Airflow is configured with airflow.publish.kind=S3" }}
{{- end }}
{{- if and .Values.airflow.baseUrl (eq $publish.kind "Folder") (not $publish.folder.existingClaim) }}
{{- fail "airflow.publish.folder.existingClaim is required with airflow.publish.kind=Folder: Airflow's dag-processor and workers must read the folder Genie writes" }}
{{- end }}
{{- if and (eq .Values.defaultExecutor "Airflow") (not .Values.airflow.baseUrl) }}
{{- fail "defaultExecutor=Airflow needs airflow.baseUrl" }}
{{- end }}
{{- if and .Values.portal.oidc.enabled (not (and .Values.portal.oidc.authority .Values.portal.oidc.clientId)) }}
{{- fail "portal.oidc.enabled needs portal.oidc.authority and portal.oidc.clientId" }}
{{- end }}
{{- if and (eq .Values.kafka.mode "Cdc") (not .Values.kafka.schemaRegistryUrl) }}
{{- fail "kafka.mode=Cdc needs kafka.schemaRegistryUrl: Genie encodes the Avro messages Debezium passes on" }}
{{- end }}
{{- if and .Values.kafkaConnect.enabled .Values.kafkaConnect.debeziumOutbox.enabled (ne .Values.kafka.mode "Cdc") }}
{{- fail "kafkaConnect.debeziumOutbox.enabled needs kafka.mode=Cdc: Genie writes the connector's outbox only then (and its producer must not publish the same events)" }}
{{- end }}
{{- if and .Values.kafka.bootstrapServers (not .Values.kafka.schemaRegistryUrl) }}
{{- fail "kafka.bootstrapServers needs kafka.schemaRegistryUrl: the relay writes Avro through the Schema Registry" }}
{{- end }}
{{- if and .Values.flink.enabled (not (and (include "genie.flinkKafka" .) (include "genie.flinkSchemaRegistry" .))) }}
{{- fail "flink.enabled needs Kafka: set kafka.bootstrapServers and kafka.schemaRegistryUrl, or flink.kafkaBootstrapServers and flink.schemaRegistryUrl" }}
{{- end }}
{{- end }}
