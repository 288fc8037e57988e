{{- define "webapp.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "webapp.dbPassword" -}}
{{- required "postgresql.auth.password is required" .Values.postgresql.auth.password -}}
{{- end -}}
