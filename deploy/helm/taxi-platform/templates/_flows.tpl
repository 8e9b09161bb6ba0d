{{/*
The architecture's network flows, the single source of the NetworkPolicies. Workloads are the chart's
pods (selected by labels in a part's namespace); targets are what they connect to: a workload, an
operator's pods, or an address block (external services, the Kubernetes API).
*/}}
{{- define "tp.workloads" -}}
{{- $v := .Values -}}
producer: {area: processing, selector: {app.kubernetes.io/component: producer}, ports: [{{ $v.producer.metricsPort }}]}
sink: {area: processing, selector: {app.kubernetes.io/component: sink}, ports: [{{ $v.sink.metricsPort }}]}
orchestrator: {area: orchestration, selector: {app.kubernetes.io/component: orchestrator}, ports: [{{ $v.orchestrator.port }}]}
dashboard: {area: serving, selector: {app.kubernetes.io/component: dashboard}, ports: [{{ $v.dashboard.port }}]}
provision: {area: processing, selector: {app.kubernetes.io/component: provision}, ports: []}
batch: {area: processing, selector: {app.kubernetes.io/component: task, taxi-platform/command: batch}, ports: [{{ $v.batch.spark.driverPort }}, {{ $v.batch.spark.blockManagerPort }}]}
load: {area: processing, selector: {app.kubernetes.io/component: task, taxi-platform/command: load}, ports: []}
transform: {area: processing, selector: {app.kubernetes.io/component: task, taxi-platform/command: transform}, ports: []}
{{- if $v.monitoring.enabled }}
postgres-exporter: {area: monitoring, selector: {app.kubernetes.io/component: postgres-exporter}, ports: [{{ $v.monitoring.postgresExporter.port }}]}
{{- end }}
{{- if eq $v.batch.executor "spark-kubernetes" }}
spark-executor: {area: processing, selector: {app.kubernetes.io/component: spark-executor}, ports: [{{ $v.batch.spark.blockManagerPort }}]}
{{- end }}
{{- if eq $v.kafka.mode "platform" }}
kafka: {area: streaming, selector: {app.kubernetes.io/component: kafka}, ports: [9092]}
{{- end }}
{{- if eq $v.s3.mode "platform" }}
s3: {area: data, selector: {app.kubernetes.io/component: s3}, ports: [4566]}
{{- end }}
{{- if eq $v.postgres.mode "platform" }}
postgres: {area: data, selector: {app.kubernetes.io/component: postgres}, ports: [{{ $v.postgres.port }}]}
{{- end }}
{{- end -}}

{{/* Where each backing service is: a workload, an operator's pods, or an address block. */}}
{{- define "tp.targets" -}}
{{- $v := .Values -}}
{{- if eq $v.kafka.mode "strimzi" }}
kafka: {area: streaming, selector: {strimzi.io/cluster: {{ $v.kafka.strimzi.clusterName }}, strimzi.io/kind: Kafka}, port: 9092}
{{- else if eq $v.kafka.mode "external" }}
{{- $first := first (splitList "," (include "tp.kafkaBootstrap" .)) }}
kafka: {cidr: {{ $v.networkPolicies.externalCidr }}, port: {{ last (splitList ":" $first) }}}
{{- else }}
kafka: {workload: kafka, port: 9092}
{{- end }}
{{- if eq $v.s3.mode "external" }}
s3: {cidr: {{ $v.networkPolicies.externalCidr }}, port: {{ ternary 443 80 (hasPrefix "https:" $v.s3.external.endpoint) }}}
{{- else }}
s3: {workload: s3, port: 4566}
{{- end }}
{{- if $v.monitoring.enabled }}
pushgateway: {area: monitoring, selector: {app.kubernetes.io/name: pushgateway}, port: {{ $v.monitoring.pushgateway.port }}}
{{- end }}
{{- if eq $v.postgres.mode "cloudnativepg" }}
postgres: {area: data, selector: {cnpg.io/cluster: {{ $v.postgres.cloudnativepg.clusterName }}}, port: {{ $v.postgres.port }}}
{{- else if eq $v.postgres.mode "external" }}
postgres: {cidr: {{ $v.networkPolicies.externalCidr }}, port: {{ $v.postgres.port }}}
{{- else }}
postgres: {workload: postgres, port: {{ $v.postgres.port }}}
{{- end }}
{{- end -}}

{{/* Flows: from a workload to a target (backing service) or to a workload on a port. */}}
{{- define "tp.flows" -}}
{{- $v := .Values -}}
- {from: producer, to: kafka}
- {from: sink, to: kafka}
- {from: sink, to: s3}
- {from: provision, to: kafka}
- {from: provision, to: s3}
- {from: batch, to: s3}
- {from: load, to: s3}
- {from: load, to: postgres}
- {from: transform, to: postgres}
- {from: orchestrator, to: postgres}
- {from: orchestrator, to: kafka}
- {from: orchestrator, toWorkload: sink, port: {{ $v.sink.metricsPort }}}
- {from: orchestrator, to: kubernetes-api}
- {from: dashboard, to: postgres}
{{- if $v.monitoring.enabled }}
- {from: postgres-exporter, to: postgres}
- {from: batch, to: pushgateway}
- {from: load, to: pushgateway}
- {from: orchestrator, to: pushgateway}
{{- end }}
{{- if eq $v.batch.executor "spark-kubernetes" }}
- {from: batch, to: kubernetes-api}
- {from: batch, toWorkload: spark-executor, port: {{ $v.batch.spark.blockManagerPort }}}
- {from: spark-executor, toWorkload: batch, port: {{ $v.batch.spark.driverPort }}}
- {from: spark-executor, toWorkload: batch, port: {{ $v.batch.spark.blockManagerPort }}}
- {from: spark-executor, toWorkload: spark-executor, port: {{ $v.batch.spark.blockManagerPort }}}
- {from: spark-executor, to: s3}
{{- end }}
{{- end -}}

{{/* A peer selecting a workload's pods: (list $ workload). */}}
{{- define "tp.workloadPeer" -}}
{{- $root := index . 0 -}}
{{- $w := index . 1 -}}
- namespaceSelector:
    matchLabels:
      kubernetes.io/metadata.name: {{ include "tp.ns" (list $root $w.area) }}
  podSelector:
    matchLabels:
      app.kubernetes.io/name: taxi-platform
      {{- toYaml $w.selector | nindent 6 }}
{{- end -}}
