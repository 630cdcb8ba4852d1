package mapping

import (
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

// CIM returns the record's fields in Splunk's Common Information Model: the data model's action, src, user,
// signature and the rest as spec/siem-mapping.yaml names them. Attributes without a CIM name are kept under their
// own keys ("attributes.<key>" for a key without a dot, which CIM could mean as its own field). The event's time
// and the data model's tags are the transport's part.
func CIM(resource pcommon.Resource, lr plog.LogRecord) map[string]any {
	r := newRecord(resource, lr)
	fields := map[string]any{}
	var mapped []attribute
	for _, a := range r.attributes(func(f Field) string { return f.CIM }) {
		if a.mapped == "" {
			fields[keptKey(a.key, dotlessReserved)] = a.value.AsRaw()
		} else {
			mapped = append(mapped, a)
		}
	}
	fields["vendor_product"] = cimVendorProduct
	fields["signature_id"] = r.name
	fields["signature"] = r.title()
	fields["severity"] = r.band.CIM
	// Mapped attributes replace the defaults above (an alert's signature is its rule's name) ...
	for _, a := range mapped {
		fields[a.mapped] = a.value.AsRaw()
	}
	// ... but never what the data model fixes.
	if r.event != nil && r.event.CIM != nil {
		m := r.event.CIM
		for key, value := range m.Fields {
			fields[key] = value
		}
		action := m.Action
		if byOutcome, ok := m.ActionByOutcome[r.outcome]; ok {
			action = byOutcome
		}
		setIf(fields, "action", action, action != "")
	}
	return fields
}

// CIMDataModel returns the CIM data model of the record's event, "" when none fits.
func CIMDataModel(lr plog.LogRecord) string {
	if _, event := lookupEvent(lr.EventName()); event != nil && event.CIM != nil {
		return event.CIM.DataModel
	}
	return ""
}
