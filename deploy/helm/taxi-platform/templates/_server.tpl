{{/*
A platform server as a StatefulSet with a volume and a Service:
(dict "root" $ "name" "s3" "area" "data" "port" 4566 "args" (list ...) "env" (list ...) "values" .Values.s3.platform),
with an optional "metricsPort" (its /metrics, as port "http" like every component's).
*/}}
{{- define "tp.server" -}}
{{- $root := .root -}}
{{- $namespace := include "tp.ns" (list $root .area) -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ .name }}
  namespace: {{ $namespace }}
  labels:
    {{- include "tp.labels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ .name }}
spec:
  clusterIP: None
  selector:
    {{- include "tp.selector" (list $root .name) | nindent 4 }}
  ports:
    - name: {{ .portName }}
      port: {{ .port }}
      targetPort: {{ .portName }}
    {{- with .metricsPort }}
    - name: http
      port: {{ . }}
      targetPort: http
    {{- end }}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ .name }}
  namespace: {{ $namespace }}
  labels:
    {{- include "tp.labels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ .name }}
spec:
  serviceName: {{ .name }}
  replicas: 1
  selector:
    matchLabels:
      {{- include "tp.selector" (list $root .name) | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "tp.labels" $root | nindent 8 }}
        app.kubernetes.io/component: {{ .name }}
    spec:
      serviceAccountName: taxi-platform-workload
      automountServiceAccountToken: false
      securityContext:
        {{- include "tp.podSecurityContext" $root | nindent 8 }}
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      terminationGracePeriodSeconds: 60
      containers:
        - name: {{ .name }}
          image: {{ include "tp.image" $root }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          args:
            {{- toYaml .args | nindent 12 }}
          envFrom:
            {{- include "tp.envFrom" $root | nindent 12 }}
          {{- with .env }}
          env:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          ports:
            - name: {{ .portName }}
              containerPort: {{ .port }}
            {{- with .metricsPort }}
            - name: http
              containerPort: {{ . }}
            {{- end }}
          {{- include "tp.tcpProbes" (list $root .portName) | nindent 10 }}
          resources:
            {{- toYaml .values.resources | nindent 12 }}
          securityContext:
            {{- include "tp.containerSecurityContext" $root | nindent 12 }}
          volumeMounts:
            {{- include "tp.scratchMounts" $root | nindent 12 }}
            - name: storage
              mountPath: /var/lib/taxi-platform/{{ .name }}
      volumes:
        {{- include "tp.scratchVolumes" $root | nindent 8 }}
  volumeClaimTemplates:
    - metadata:
        name: storage
      spec:
        accessModes: [ReadWriteOnce]
        {{- with .values.storageClassName }}
        storageClassName: {{ . }}
        {{- end }}
        resources:
          requests:
            storage: {{ .values.storage }}
{{- end -}}
