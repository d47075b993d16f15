package iot1clicktest

import (
	"fmt"
	"maps"
	"net/http"
)

func (s *Handler) initiateDeviceClaim(x *exchange) {
	id := x.label
	x.answer(http.StatusOK, writes, func() (any, *apiError) {
		d, ok := s.st.devices[id]
		if !ok {
			return nil, notFound(id)
		}
		switch {
		case d.AccountId != "" && d.AccountId != x.account && d.State == StateClaimInitiated:
			return nil, &apiError{409, "ResourceConflictException", fmt.Sprintf("Device %s is being claimed by another account.", id)}
		case d.AccountId != "" && d.AccountId != x.account:
			return nil, &apiError{409, "ResourceConflictException", fmt.Sprintf("Device %s is claimed by another account.", id)}
		case d.State == StateClaimed:
			return nil, &apiError{409, "ResourceConflictException", fmt.Sprintf("Device %s is already claimed by this account.", id)}
		}
		s.claimLocked(d, StateClaimInitiated, x.account)
		return stateJSON{StateClaimInitiated}, nil
	})
}

func (s *Handler) finalizeDeviceClaim(x *exchange) {
	id := x.label
	var in struct {
		Tags map[string]string `json:"tags"`
	}
	if !x.decode(&in) {
		return
	}
	if e := validateTags(in.Tags); e != nil {
		x.writeError(e)
		return
	}
	x.answer(http.StatusOK, writes, func() (any, *apiError) {
		d, ok := s.st.devices[id]
		switch {
		case !ok:
			return nil, notFound(id)
		case d.AccountId == x.account && d.State == StateClaimed:
			return nil, &apiError{409, "ResourceConflictException", fmt.Sprintf("Device %s is already claimed by this account.", id)}
		case d.AccountId != x.account || d.State != StateClaimInitiated:
			return nil, &apiError{412, "PreconditionFailedException",
				fmt.Sprintf("No claim of device %s was initiated by this account; call InitiateDeviceClaim first.", id)}
		case !d.ClickedSinceClaimInitiated:
			return nil, &apiError{412, "PreconditionFailedException",
				fmt.Sprintf("Device %s has not published an event since its claim was initiated; click the button, then finalize the claim.", id)}
		}
		s.claimLocked(d, StateClaimed, x.account)
		s.setDeviceTagsLocked(d, maps.Clone(in.Tags))
		return stateJSON{StateClaimed}, nil
	})
}

func (s *Handler) unclaimDevice(x *exchange) {
	x.withDevice(http.StatusOK, writes, pending, func(d *DeviceRecord) (any, *apiError) {
		s.claimLocked(d, StateUnclaimed, "")
		return stateJSON{StateUnclaimed}, nil
	})
}

func (s *Handler) claimDevicesByClaimCode(x *exchange) {
	code := x.label
	if !validClaimCode(code) {
		x.writeError(invalid("The claim code %q is not valid: it must start with C- and have 12 to 40 characters.", code))
		return
	}
	forbidden := func(msg string) *apiError { return &apiError{403, "ForbiddenException", msg} }
	x.answer(http.StatusOK, writes, func() (any, *apiError) {
		c, ok := s.st.codes[code]
		if !ok {
			return nil, forbidden("The claim code is not recognized.")
		}
		if c.accountID != "" && c.accountID != x.account {
			return nil, forbidden("The claim code has been claimed by another account.")
		}
		for _, id := range c.deviceIDs {
			if d, ok := s.st.devices[id]; ok && d.AccountId != "" && d.AccountId != x.account {
				return nil, forbidden(fmt.Sprintf("Device %s of the claim code belongs to another account.", id))
			}
		}
		for _, id := range c.deviceIDs {
			d, ok := s.st.devices[id]
			if !ok || d.State == StateClaimed && d.AccountId == x.account {
				continue
			}
			s.claimLocked(d, StateClaimed, x.account)
		}
		s.useClaimCodeLocked(c, x.account)
		return struct {
			ClaimCode string `json:"claimCode"`
			Total     int    `json:"total"`
		}{code, len(c.deviceIDs)}, nil
	})
}

func (s *Handler) updateDeviceState(x *exchange) {
	var in struct {
		Enabled *bool `json:"enabled"`
	}
	if !x.decode(&in, "enabled") {
		return
	}
	x.withDevice(http.StatusOK, writes, claimed, func(d *DeviceRecord) (any, *apiError) {
		s.setEnabledLocked(d, *in.Enabled)
		return struct{}{}, nil
	})
}
