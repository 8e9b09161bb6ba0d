{{/* The components that serve /metrics: name, namespace area and the port's value. */}}
{{- define "tp.metricsComponents" -}}
producer: {area: processing, port: {{ .Values.producer.metricsPort }}}
sink: {area: processing, port: {{ .Values.sink.metricsPort }}}
orchestrator: {area: orchestration, port: {{ .Values.orchestrator.port }}}
dashboard: {area: serving, port: {{ .Values.dashboard.port }}}
postgres-exporter: {area: monitoring, port: {{ .Values.monitoring.postgresExporter.port }}}
{{- if eq .Values.kafka.mode "platform" }}
kafka: {area: streaming, port: {{ .Values.kafka.platform.metricsPort }}}
{{- end }}
{{- end -}}

{{- define "tp.monitoringMode" -}}
{{- if not (has .Values.monitoring.mode (list "operator" "plain")) -}}
{{- fail (printf "monitoring.mode must be operator or plain, not %s" .Values.monitoring.mode) -}}
{{- end -}}
{{- .Values.monitoring.mode -}}
{{- end -}}
